from django.urls import path

from village_apps.surat import views

app_name = "surat"
urlpatterns = [
    path("kelola/", views.arsip, name="arsip"),
    path("kelola/buat/", views.buat, name="buat"),
    path("kelola/buat/<int:format_id>/<int:penduduk_id>/", views.terbitkan, name="terbitkan"),
    path("kelola/format/", views.format_daftar, name="format_daftar"),
    path("kelola/format/impor/", views.format_impor, name="format_impor"),
    path("kelola/format/baru/", views.format_ubah, name="format_baru"),
    path("kelola/format/<int:pk>/", views.format_ubah, name="format_ubah"),
    path("kelola/pengaturan/", views.pengaturan, name="pengaturan"),
    path("kelola/<int:pk>/", views.detail, name="detail"),
    path("kelola/<int:pk>/unduh/", views.unduh, name="unduh"),
    path("kelola/<int:pk>/cabut/", views.cabut, name="cabut"),
    path("verifikasi/<str:token>/", views.verifikasi, name="verifikasi"),
]

from django.urls import path

from village_apps.surat import views

app_name = "surat"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.arsip, name="arsip"),
    path("buat/", views.buat, name="buat"),
    path("buat/<int:format_id>/<int:penduduk_id>/", views.terbitkan, name="terbitkan"),
    path("buat/<int:format_id>/luar/", views.terbitkan, name="terbitkan_luar"),
    path("format/", views.format_daftar, name="format_daftar"),
    path("format/impor/", views.format_impor, name="format_impor"),
    path("format/baru/", views.format_ubah, name="format_baru"),
    path("format/<int:pk>/", views.format_ubah, name="format_ubah"),
    path("format/<int:pk>/contoh/", views.format_contoh, name="format_contoh"),
    path("pengaturan/", views.pengaturan, name="pengaturan"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/unduh/", views.unduh, name="unduh"),
    path("<int:pk>/cabut/", views.cabut, name="cabut"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = [
    path("verifikasi/", views.verifikasi_cari, name="verifikasi_cari"),
    path("verifikasi/<str:token>/", views.verifikasi, name="verifikasi"),
]

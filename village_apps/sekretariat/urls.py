from django.urls import path

from village_apps.sekretariat import views

app_name = "sekretariat"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/keluar/baru/", views.keluar_ubah, name="keluar_baru"),
    path("agenda/keluar/<int:pk>/", views.keluar_ubah, name="keluar_ubah"),
    path("agenda/keluar/<int:pk>/hapus/", views.keluar_hapus, name="keluar_hapus"),
    path("masuk/", views.masuk, name="masuk"),
    path("masuk/baru/", views.masuk_baru, name="masuk_baru"),
    path("masuk/<int:pk>/", views.masuk_detail, name="masuk_detail"),
    path("masuk/<int:pk>/ubah/", views.masuk_ubah, name="masuk_ubah"),
    path("masuk/<int:pk>/disposisi/", views.masuk_disposisi, name="masuk_disposisi"),
    path("masuk/<int:pk>/status/", views.masuk_status, name="masuk_status"),
    path("masuk/<int:pk>/scan/", views.masuk_scan, name="masuk_scan"),
    path("masuk/<int:pk>/hapus/", views.masuk_hapus, name="masuk_hapus"),
    path("disposisi/", views.disposisi_saya, name="disposisi_saya"),
    path("disposisi/<int:pk>/selesai/", views.disposisi_selesai, name="disposisi_selesai"),
    path("ekspedisi/", views.ekspedisi, name="ekspedisi"),
    path("ekspedisi/baru/", views.ekspedisi_ubah, name="ekspedisi_baru"),
    path("ekspedisi/<int:pk>/", views.ekspedisi_ubah, name="ekspedisi_ubah"),
    path("ekspedisi/<int:pk>/hapus/", views.ekspedisi_hapus, name="ekspedisi_hapus"),
]
public_urlpatterns: list = []

from django.urls import path

from village_apps.produk_hukum import views

app_name = "produk_hukum"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.kelola, name="kelola"),
    path("baru/", views.kelola_form, name="kelola_baru"),
    path("<int:pk>/", views.kelola_form, name="kelola_ubah"),
    path("<int:pk>/hapus/", views.kelola_hapus, name="kelola_hapus"),
    path("<int:pk>/berkas/", views.kelola_berkas, name="kelola_berkas"),
]
# The public JDIH page (Jaringan Dokumentasi dan Informasi Hukum) of the village.
public_urlpatterns = [
    path("", views.jdih, name="jdih"),
    path("<int:pk>/", views.jdih_detail, name="jdih_detail"),
    path("<int:pk>/berkas/", views.jdih_berkas, name="jdih_berkas"),
]

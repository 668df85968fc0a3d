from django.urls import path

from village_apps.buku import views

app_name = "buku"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("data/penduduk-sementara/", views.sementara, name="sementara"),
    path("data/penduduk-sementara/baru/", views.sementara_form, name="sementara_baru"),
    path("data/penduduk-sementara/<int:pk>/", views.sementara_form, name="sementara_ubah"),
    path("data/penduduk-sementara/<int:pk>/hapus/", views.sementara_hapus, name="sementara_hapus"),
    path("data/kader/", views.kader, name="kader"),
    path("data/kader/baru/", views.kader_form, name="kader_baru"),
    path("data/kader/<int:pk>/", views.kader_form, name="kader_ubah"),
    path("data/kader/<int:pk>/hapus/", views.kader_hapus, name="kader_hapus"),
    path("<slug:slug>/", views.buku, name="buku"),
    path("<slug:slug>/tutup/", views.tutup, name="tutup"),
    path("<slug:slug>/unduh.<str:fmt>", views.unduh, name="unduh"),
]
public_urlpatterns: list = []

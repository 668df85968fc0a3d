from django.urls import path

from village_apps.keluarga import views

app_name = "keluarga"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("tambah/", views.tambah, name="tambah"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/kepala/", views.ganti_kepala, name="ganti_kepala"),
    path("<int:pk>/pecah/", views.pecah, name="pecah"),
    path("rumah-tangga/", views.rumah_tangga_daftar, name="rumah_tangga_daftar"),
    path("rumah-tangga/tambah/", views.rumah_tangga_tambah, name="rumah_tangga_tambah"),
    path("rumah-tangga/<int:pk>/", views.rumah_tangga_detail, name="rumah_tangga_detail"),
    path(
        "rumah-tangga/<int:pk>/anggota/",
        views.rumah_tangga_anggota_tambah,
        name="rumah_tangga_anggota_tambah",
    ),
    path(
        "rumah-tangga/<int:pk>/anggota/<int:penduduk_pk>/keluar/",
        views.rumah_tangga_anggota_keluar,
        name="rumah_tangga_anggota_keluar",
    ),
    path(
        "rumah-tangga/<int:pk>/kepala/",
        views.rumah_tangga_ganti_kepala,
        name="rumah_tangga_ganti_kepala",
    ),
    path("rumah-tangga/<int:pk>/bubar/", views.rumah_tangga_bubar, name="rumah_tangga_bubar"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = []

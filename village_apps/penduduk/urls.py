from django.urls import path

from village_apps.penduduk import views

app_name = "penduduk"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("tambah/", views.tambah, name="tambah"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("ekspor/", views.ekspor, name="ekspor"),
    path("impor/", views.impor, name="impor"),
    path("impor/<int:pk>/", views.impor_status, name="impor_status"),
    path("impor/<int:pk>/laporan.csv", views.impor_laporan, name="impor_laporan"),
    path("ganda/", views.ganda, name="ganda"),
    path("statistik/", views.statistik_view, name="statistik"),
    path("pengaturan/", views.pengaturan, name="pengaturan"),
    path("pengaturan/statistik/", views.pengaturan_statistik, name="pengaturan_statistik"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = []

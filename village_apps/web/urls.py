from django.urls import path

from village_apps.web import views

app_name = "web"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("berita/", views.berita_daftar, name="berita"),
    path("berita/rss/", views.rss, name="rss"),
    path("berita/<slug:slug>/", views.berita_detail, name="berita_detail"),
    path("halaman/<slug:slug>/", views.halaman_detail, name="halaman"),
    path("agenda/", views.agenda, name="agenda"),
    path("galeri/", views.galeri, name="galeri"),
    path("kontak/", views.kontak, name="kontak"),
    path("statistik/", views.statistik_indeks, name="statistik"),
    path("statistik/<slug:kode>/", views.statistik_detail, name="statistik_detail"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots, name="robots"),
]

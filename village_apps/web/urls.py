from django.urls import path

from village_apps.web import views
from village_apps.web import views_kelola as v

app_name = "web"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", v.artikel_daftar, name="kelola_artikel"),
    path("artikel/baru/", v.artikel_form, name="kelola_artikel_baru"),
    path("artikel/<int:pk>/", v.artikel_form, name="kelola_artikel_ubah"),
    path("artikel/<int:pk>/hapus/", v.artikel_delete, name="kelola_artikel_hapus"),
    path("kategori/", v.kategori_daftar, name="kelola_kategori"),
    path("halaman/", v.halaman_daftar, name="kelola_halaman"),
    path("halaman/baru/", v.halaman_form, name="kelola_halaman_baru"),
    path("halaman/<int:pk>/", v.halaman_form, name="kelola_halaman_ubah"),
    path("halaman/<int:pk>/hapus/", v.halaman_delete, name="kelola_halaman_hapus"),
    path("menu/", v.menu_daftar, name="kelola_menu"),
    path("menu/<int:pk>/hapus/", v.menu_hapus, name="kelola_menu_hapus"),
    path("agenda/", v.agenda_daftar, name="kelola_agenda"),
    path("agenda/baru/", v.agenda_form, name="kelola_agenda_baru"),
    path("agenda/<int:pk>/", v.agenda_form, name="kelola_agenda_ubah"),
    path("agenda/<int:pk>/hapus/", v.agenda_delete, name="kelola_agenda_hapus"),
    path("galeri/", v.galeri_daftar, name="kelola_galeri"),
    path("galeri/<int:pk>/hapus/", v.galeri_hapus, name="kelola_galeri_hapus"),
    path("pengaturan/", v.pengaturan, name="kelola_pengaturan"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = [
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

"""Back office of the website, mounted at /kelola/web/."""

from django.urls import path

from village_apps.web import views_kelola as v

app_name = "web_kelola"
urlpatterns = [
    path("", v.artikel_daftar, name="artikel"),
    path("artikel/baru/", v.artikel_form, name="artikel_baru"),
    path("artikel/<int:pk>/", v.artikel_form, name="artikel_ubah"),
    path("artikel/<int:pk>/hapus/", v.artikel_hapus, name="artikel_hapus"),
    path("kategori/", v.kategori_daftar, name="kategori"),
    path("halaman/", v.halaman_daftar, name="halaman"),
    path("halaman/baru/", v.halaman_form, name="halaman_baru"),
    path("halaman/<int:pk>/", v.halaman_form, name="halaman_ubah"),
    path("halaman/<int:pk>/hapus/", v.halaman_hapus, name="halaman_hapus"),
    path("menu/", v.menu_daftar, name="menu"),
    path("menu/<int:pk>/hapus/", v.menu_hapus, name="menu_hapus"),
    path("agenda/", v.agenda_daftar, name="agenda"),
    path("agenda/baru/", v.agenda_form, name="agenda_baru"),
    path("agenda/<int:pk>/", v.agenda_form, name="agenda_ubah"),
    path("agenda/<int:pk>/hapus/", v.agenda_hapus, name="agenda_hapus"),
    path("galeri/", v.galeri_daftar, name="galeri"),
    path("galeri/<int:pk>/hapus/", v.galeri_hapus, name="galeri_hapus"),
    path("pengaturan/", v.pengaturan, name="pengaturan"),
]

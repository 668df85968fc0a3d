from django.urls import path

from village_apps.profil import views, views_kelola

app_name = "profil"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    # Back office (this app is mounted at the root, so its pages carry the prefix here).
    path("kelola/profil/", views_kelola.identitas, name="identitas"),
    path("kelola/profil/aparatur/tambah/", views_kelola.aparatur, name="aparatur_tambah"),
    path("kelola/profil/aparatur/<int:pk>/", views_kelola.aparatur, name="aparatur_ubah"),
]

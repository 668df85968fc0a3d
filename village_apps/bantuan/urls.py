from django.urls import path

from village_apps.bantuan import views

app_name = "bantuan"
urlpatterns = [
    path("", views.publik, name="publik"),
    path("kelola/", views.kelola, name="kelola"),
    path("kelola/impor/", views.impor, name="impor"),
    path("kelola/<int:pk>/", views.kelola_program, name="kelola_program"),
    path(
        "kelola/<int:pk>/peserta/<int:peserta_pk>/hapus/", views.peserta_hapus, name="peserta_hapus"
    ),
]

from django.urls import path

from village_apps.keluarga import views

app_name = "keluarga"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("tambah/", views.tambah, name="tambah"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/kepala/", views.ganti_kepala, name="ganti_kepala"),
    path("<int:pk>/pecah/", views.pecah, name="pecah"),
]

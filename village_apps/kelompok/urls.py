from django.urls import path

from village_apps.kelompok import views

app_name = "kelompok"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("tambah/", views.tambah, name="tambah"),
    path("<int:pk>/", views.detail, name="detail"),
]

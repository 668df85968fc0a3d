from django.urls import path

from village_apps.wilayah import views

app_name = "wilayah"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("tambah/", views.tambah, name="tambah"),
]

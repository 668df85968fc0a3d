from django.urls import path

from village_apps.peristiwa import views

app_name = "peristiwa"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("catat/<int:pk>/", views.catat, name="catat"),
    path("lahir/", views.lahir, name="lahir"),
    path("laporan/", views.laporan, name="laporan"),
]

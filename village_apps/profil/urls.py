from django.urls import path

from village_apps.profil import views

app_name = "profil"
urlpatterns = [
    path("", views.beranda, name="beranda"),
]

from django.urls import path

from control_plane.reference import views

app_name = "reference"
urlpatterns = [
    path("cari/", views.search, name="search"),
]

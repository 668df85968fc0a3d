from django.urls import path

from control_plane.console import views

app_name = "console"
urlpatterns = [
    path("", views.home, name="home"),
]

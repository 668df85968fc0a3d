from django.urls import path

from control_plane.fleet import views

app_name = "fleet"
urlpatterns = [
    path("", views.progress, name="progress"),
    path("upgrade/", views.upgrade, name="upgrade"),
    path("status.json", views.status_json, name="status_json"),
]

from django.urls import path

from village_apps.opensid_import import views

app_name = "opensid_import"
urlpatterns = [
    path("", views.unggah, name="unggah"),
    path("<int:pk>/", views.status, name="status"),
]

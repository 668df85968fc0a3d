from django.urls import path

from village_apps.audit import views

app_name = "audit"
urlpatterns = [path("", views.daftar, name="daftar")]

from django.urls import path

from village_apps.peristiwa import views

app_name = "peristiwa"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("catat/<int:pk>/", views.catat, name="catat"),
    path("lahir/", views.lahir, name="lahir"),
    path("laporan/", views.laporan, name="laporan"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = []

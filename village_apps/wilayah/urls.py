from django.urls import path

from village_apps.wilayah import views

app_name = "wilayah"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("tambah/", views.tambah, name="tambah"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = []

from django.urls import path

from village_apps.kelompok import views

app_name = "kelompok"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("tambah/", views.tambah, name="tambah"),
    path("<int:pk>/", views.detail, name="detail"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = []

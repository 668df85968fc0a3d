from django.urls import path

from village_apps.profil import views, views_kelola

app_name = "profil"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views_kelola.identitas, name="identitas"),
    path("aparatur/tambah/", views_kelola.aparatur, name="aparatur_tambah"),
    path("aparatur/<int:pk>/", views_kelola.aparatur, name="aparatur_ubah"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = [
    path("", views.beranda, name="beranda"),
]

from django.urls import path

from village_apps.bantuan import views

app_name = "bantuan"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.kelola, name="kelola"),
    path("impor/", views.impor, name="impor"),
    path("<int:pk>/", views.kelola_program, name="kelola_program"),
    path("<int:pk>/peserta/<int:peserta_pk>/hapus/", views.peserta_delete, name="peserta_delete"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = [
    path("", views.publik, name="publik"),
]

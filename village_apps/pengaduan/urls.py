from django.urls import path

from village_apps.pengaduan import views

app_name = "pengaduan"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.kelola, name="kelola"),
    path("<int:pk>/", views.kelola_detail, name="kelola_detail"),
    path("<int:pk>/foto/", views.foto, name="foto"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = [
    path("", views.kirim, name="kirim"),
    path("lacak/", views.lacak, name="lacak"),
    path("lacak/<str:kode>/", views.lacak, name="lacak_kode"),
]

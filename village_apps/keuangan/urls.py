from django.urls import path

from village_apps.keuangan import views

app_name = "keuangan"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.kelola, name="kelola"),
    path("impor/", views.impor, name="impor"),
    path("templat.xlsx", views.templat, name="templat"),
    path("<int:tahun>/", views.kelola_tahun, name="kelola_tahun"),
    path("<int:tahun>/baris/<int:pk>/", views.baris_ubah, name="baris_ubah"),
    path("<int:tahun>/baris/<int:pk>/hapus/", views.baris_delete, name="baris_delete"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = [
    path("", views.publik, name="publik"),
    path("<int:tahun>/", views.publik, name="publik_tahun"),
]

from django.urls import path

from village_apps.pembangunan import views

app_name = "pembangunan"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.kelola, name="kelola"),
    path("baru/", views.kelola_form, name="kelola_baru"),
    path("<int:pk>/", views.kelola_form, name="kelola_ubah"),
    path("<int:pk>/hapus/", views.kelola_hapus, name="kelola_hapus"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<int:pk>/", views.detail, name="detail"),
]

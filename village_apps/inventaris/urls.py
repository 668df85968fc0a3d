from django.urls import path

from village_apps.inventaris import views

app_name = "inventaris"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views.aset_form, name="baru"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.aset_form, name="ubah"),
    path("<int:pk>/hapus/", views.hapus, name="hapus"),
]
public_urlpatterns: list = []

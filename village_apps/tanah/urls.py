from django.urls import path

from village_apps.tanah import views

app_name = "tanah"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.desa_daftar, name="desa_daftar"),
    path("baru/", views.desa_form, name="desa_baru"),
    path("<int:pk>/", views.desa_form, name="desa_ubah"),
    path("<int:pk>/hapus/", views.desa_hapus, name="desa_hapus"),
    path("kas-desa/", views.kas_daftar, name="kas_daftar"),
    path("kas-desa/baru/", views.kas_form, name="kas_baru"),
    path("kas-desa/<int:pk>/", views.kas_form, name="kas_ubah"),
    path("kas-desa/<int:pk>/hapus/", views.kas_hapus, name="kas_hapus"),
]
public_urlpatterns: list = []

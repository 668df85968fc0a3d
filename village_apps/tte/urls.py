from django.urls import path

from village_apps.tte import views

app_name = "tte"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.pengaturan, name="pengaturan"),
    path("sertifikat/", views.sertifikat_unggah, name="sertifikat_unggah"),
    path("sertifikat/uji/", views.sertifikat_uji, name="sertifikat_uji"),
]
public_urlpatterns: list = []

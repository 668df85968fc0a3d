from django.urls import path

from village_apps.kelola import views

app_name = "kelola"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.beranda, name="beranda"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = []

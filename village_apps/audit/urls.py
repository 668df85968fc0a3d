from django.urls import path

from village_apps.audit import views

app_name = "audit"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.daftar, name="daftar"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = []

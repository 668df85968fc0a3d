from django.urls import path

from village_apps.opensid_import import views

app_name = "opensid_import"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns = [
    path("", views.unggah, name="unggah"),
    path("<int:pk>/", views.status, name="status"),
]
# Public pages (anyone, or residents with a self-service session).
public_urlpatterns = []

from django.urls import path  # noqa: F401 - the pages are added with the generic view

app_name = "buku"
# Operator pages, mounted under the prefix given in balai_site.urls_tenant.
urlpatterns: list = []

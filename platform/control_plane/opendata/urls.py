from django.urls import path, re_path

from control_plane.opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("v1/metadata", views.metadata, name="metadata"),
    re_path(r"^v1/wilayah/(?P<code>[0-9]{1,12})$", views.region, name="region"),
    re_path(r"^v1/wilayah/(?P<code>[0-9]{1,12})\.csv$", views.region_csv, name="region-csv"),
    re_path(r"^v1/wilayah/(?P<code>[0-9]{1,12})/anak$", views.children, name="children"),
    re_path(
        r"^v1/wilayah/(?P<code>[0-9]{1,12})/anak\.csv$", views.children_csv, name="children-csv"
    ),
]

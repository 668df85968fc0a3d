from django.urls import path

from control_plane.console import views, views_villages

app_name = "console"
urlpatterns = [
    path("", views.home, name="home"),
    path("ops/desa/", views_villages.village_list, name="village_list"),
    path("ops/desa/<slug:slug>/", views_villages.village_detail, name="village_detail"),
    path(
        "ops/desa/<slug:slug>/ekspor/<str:name>",
        views_villages.village_export_download,
        name="village_export_download",
    ),
    path(
        "ops/desa/<slug:slug>/<slug:action>/",
        views_villages.village_action,
        name="village_action",
    ),
]

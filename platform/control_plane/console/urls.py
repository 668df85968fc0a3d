from django.urls import path, re_path

from control_plane.console import views, views_ops, views_villages

app_name = "console"
urlpatterns = [
    path("", views.home, name="home"),
    path("ops/desa/", views_villages.village_list, name="village_list"),
    path("ops/desa/<slug:slug>/", views_villages.village_detail, name="village_detail"),
    # An export archive by its stored name: slug and UTC timestamp only, so no path or
    # other storage key can be spelled here (the view also checks the village's list).
    re_path(
        r"^ops/desa/(?P<slug>[-a-zA-Z0-9_]+)/ekspor/(?P<archive>[a-z0-9-]+-[0-9]{8}T[0-9]{6}Z\.tar\.gz)$",
        views_villages.village_export_download,
        name="village_export_download",
    ),
    path(
        "ops/desa/<slug:slug>/sandi-admin/",
        views_ops.village_admin_password,
        name="village_admin_password",
    ),
    path("ops/cadangan/", views_ops.backup_list, name="backup_list"),
    path("ops/cadangan/semua/", views_ops.backups_request, name="backups_request"),
    path("ops/cadangan/<int:pk>/unduh/", views_ops.backup_download, name="backup_download"),
    path("ops/pekerjaan/", views_ops.job_list, name="job_list"),
    path("ops/pekerjaan/<int:job_id>/ulangi/", views_ops.job_retry, name="job_retry"),
    path(
        "ops/desa/<slug:slug>/<slug:action>/",
        views_villages.village_action,
        name="village_action",
    ),
]

from django.urls import path, re_path

from control_plane.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("saya/", views.mine, name="mine"),
    path("desa/", views.villages, name="villages"),
    re_path(r"^desa/(?P<code>[0-9]{10})/buku/$", views.village_books, name="village_books"),
    re_path(
        r"^desa/(?P<code>[0-9]{10})/buku/(?P<slug>[-a-z0-9]+)/"
        r"(?P<periode>[0-9]{4}[-0-9]{0,3})\.(?P<fmt>[a-z]+)$",  # YYYY[-MM], parsed by the facade
        views.village_book_download,
        name="village_book",
    ),
    path("pengaturan/", views.settings_page, name="settings"),
    re_path(r"^wilayah/(?P<code>[0-9.]{2,13})/$", views.region, name="region"),
    re_path(r"^wilayah/(?P<code>[0-9]{10})/opendk\.zip$", views.opendk_download, name="opendk"),
    re_path(
        r"^wilayah/(?P<code>[0-9.]{2,13})/unduh\.(?P<fmt>csv|xlsx)$",
        views.download,
        name="download",
    ),
]

"""Control plane URLconf, served at BALAI_DOMAIN (public schema).

Each control-plane app owns one prefix; the app's urls.py is the only place its
routes are listed.
"""

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("control_plane.accounts.urls")),
    path("referensi/", include("control_plane.reference.urls")),
    path("daftar/", include("control_plane.onboarding.urls")),
    path("kabupaten/pajak/", include("control_plane.taxes.urls")),
    path("kabupaten/", include("control_plane.billing.urls_contracts")),
    path("billing/", include("control_plane.billing.urls")),
    path("ops/fleet/", include("control_plane.fleet.urls")),
    path("dasbor/", include("control_plane.dashboards.urls")),
    path("api/", include("control_plane.opendata.urls")),
    path("", include("control_plane.console.urls")),
]

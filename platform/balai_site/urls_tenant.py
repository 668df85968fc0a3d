"""Village URLconf, served at <slug>.BALAI_DOMAIN and custom domains (village schema).

Public pages at the root; the operators' back office under ``kelola/``; residents'
self-service under ``mandiri/``. Each village app owns one prefix.
"""

from django.urls import include, path

from tenants.media import media
from village_apps.profil.views import ping

urlpatterns = [
    path("ping/", ping, name="ping"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("media/<str:schema>/<path:path>", media, name="media"),
    path("akun/", include("village_apps.akun.urls")),
    path("kelola/audit/", include("village_apps.audit.urls")),
    path("kelola/web/", include("village_apps.web.urls_kelola")),
    path("kelola/wilayah/", include("village_apps.wilayah.urls")),
    path("kelola/penduduk/", include("village_apps.penduduk.urls")),
    path("kelola/keluarga/", include("village_apps.keluarga.urls")),
    path("kelola/kelompok/", include("village_apps.kelompok.urls")),
    path("kelola/peristiwa/", include("village_apps.peristiwa.urls")),
    path("kelola/impor-opensid/", include("village_apps.opensid_import.urls")),
    path("surat/", include("village_apps.surat.urls")),
    path("mandiri/", include("village_apps.mandiri.urls")),
    path("keuangan/", include("village_apps.keuangan.urls")),
    path("bantuan/", include("village_apps.bantuan.urls")),
    path("pengaduan/", include("village_apps.pengaduan.urls")),
    path("pembangunan/", include("village_apps.pembangunan.urls")),
    path("", include("village_apps.web.urls")),
    path("", include("village_apps.profil.urls")),
]

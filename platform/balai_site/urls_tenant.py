"""Village URLconf, served at <slug>.BALAI_DOMAIN and custom domains (village schema).

Every village app is mounted the same way: its ``urls.py`` has an ``app_name``, the
operator pages in ``urlpatterns`` and the public pages (anyone, or residents with a
self-service session) in ``public_urlpatterns``; this table says where each list is
mounted. The operators' back office sits under ``kelola/`` (``kelola/<app>/`` for the
register, ``<app>/kelola/`` where the app also has public pages under ``<app>/``);
the website's public pages are at the root; ``kelola/`` itself is the operators' home. Order matters only for the root: the
website's home answers ``/`` before the profil app's identity-only home.
"""

import functools
from importlib import import_module

from django.urls import URLResolver, include, path
from django.views.i18n import set_language

from tenants.media import media
from tenants.read_only import read_only_allowed
from village_apps.profil.views import ping

# app: (operator pages prefix, public pages prefix); None where the app has none.
VILLAGE_APP_PREFIXES: dict[str, tuple[str | None, str | None]] = {
    "akun": ("kelola/akun/", "akun/"),
    "kelola": ("kelola/", None),
    "audit": ("kelola/audit/", None),
    "wilayah": ("kelola/wilayah/", None),
    "penduduk": ("kelola/penduduk/", None),
    "keluarga": ("kelola/keluarga/", None),
    "kelompok": ("kelola/kelompok/", None),
    "peristiwa": ("kelola/peristiwa/", None),
    "opensid_import": ("kelola/impor-opensid/", None),
    "sekretariat": ("kelola/sekretariat/", None),
    "surat": ("surat/kelola/", "surat/"),
    "tte": ("surat/kelola/tte/", None),
    "mandiri": ("mandiri/kelola/", "mandiri/"),
    "keuangan": ("keuangan/kelola/", "keuangan/"),
    "bantuan": ("bantuan/kelola/", "bantuan/"),
    "pengaduan": ("pengaduan/kelola/", "pengaduan/"),
    "pembangunan": ("pembangunan/kelola/", "pembangunan/"),
    "buku": ("kelola/buku/", None),
    "produk_hukum": ("kelola/produk-hukum/", "jdih/"),
    "inventaris": ("kelola/inventaris/", None),
    "tanah": ("kelola/tanah/", None),
    "web": ("kelola/web/", ""),
    "profil": ("kelola/profil/", ""),
}


def village_app_urls(app: str, operator: str | None, public: str | None) -> URLResolver:
    """One namespace per app (its ``app_name``), operator then public pages."""
    urls = import_module(f"village_apps.{app}.urls")
    mounted = []
    if operator is not None:
        mounted.append(path(operator, include(urls.urlpatterns)))
    if public is not None:
        mounted.append(path(public, include(urls.public_urlpatterns)))
    return path("", include((mounted, urls.app_name)))


urlpatterns = [
    path("ping/", ping, name="ping"),
    # The language switch writes only the session: a suspended village still answers it.
    path(
        "i18n/setlang/",
        read_only_allowed(functools.wraps(set_language)(lambda request: set_language(request))),
        name="set_language",
    ),
    path("media/<str:schema>/<path:path>", media, name="media"),
    *(village_app_urls(app, *prefixes) for app, prefixes in VILLAGE_APP_PREFIXES.items()),
]

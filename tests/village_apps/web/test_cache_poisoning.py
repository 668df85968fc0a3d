"""No visitor's Host or query string reaches a cached public page (issue 16, finding 12).

The sweep finds every view behind the public page cache (``halaman_publik`` marks its
wrapper) in the village URLconf, so a cached page added later is covered: one request
with a foreign Host (``www.`` prefix and a port, both still routed to the village) and
an unread ``?utm_source=…`` fills the cache, and the copy the next visitor gets (and
the first response too) must carry neither; absolute URLs are the village's canonical
ones (``balai_kernel.links.absolute_url``).
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLResolver, get_resolver

from balai_kernel.links import absolute_url
from tenants.context import village_context
from village_apps.web import services as web

pytestmark = pytest.mark.django_db

POISON_HOST = "www.{host}:6666"
POISON_QUERY = "utm_source=racun-cache"


def _cached_patterns() -> list[tuple[str, str]]:
    """(route, namespaced name) of every view behind the public page cache."""

    def walk(patterns, prefix="", ns=()):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(
                    p.url_patterns,
                    prefix + str(p.pattern),
                    ns + ((p.namespace,) if p.namespace else ()),
                )
            elif getattr(p.callback, "halaman_publik", False):
                yield prefix + str(p.pattern), ":".join((*ns, p.name or ""))

    return list(walk(get_resolver("balai_site.urls_tenant").url_patterns))


@pytest.fixture
def site(village):
    """Enough content that every cached page has links, and the news list paginates."""
    from village_apps.keuangan.services import apbdes_create
    from village_apps.pembangunan.choices import SumberDana
    from village_apps.pembangunan.services import proyek_save

    with village_context(village):
        artikel = [
            web.artikel_save(judul=f"Kabar desa {i}", isi="<p>Isi.</p>", terbit=True)
            for i in range(12)
        ]
        halaman = web.halaman_save(judul="Sejarah desa", isi="<p>Dahulu kala.</p>")
        proyek = proyek_save(
            nama="Jalan usaha tani",
            lokasi="Dusun I",
            tahun=2026,
            sumber_dana=[SumberDana.values[0]],
        )
        apbdes = apbdes_create(tahun=2026)
    return {
        "web:berita_detail": {"slug": artikel[0].slug},
        "web:halaman": {"slug": halaman.slug},
        "web:statistik_detail": {"kode": "jenis-kelamin"},
        "pembangunan:detail": {"pk": proyek.pk},
        "keuangan:publik_tahun": {"tahun": apbdes.tahun},
    }


def _path(route: str, name: str, samples: dict) -> str:
    params = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if params and name not in samples:
        pytest.fail(f"{name} ({route}) is cached: add sample parameters for it to this sweep")
    path = "/" + route
    for param in params:
        path = re.sub(rf"<(?:\w+:)?{param}>", str(samples[name][param]), path)
    return path


def test_the_sweep_finds_the_cached_pages():
    names = {name for _route, name in _cached_patterns()}
    assert {"web:beranda", "web:rss", "web:sitemap", "web:berita", "pembangunan:daftar"} <= names


def test_no_cached_page_keeps_a_visitors_host_or_query_string(village, site):
    from django.core.cache import cache

    checked = []
    for route, name in _cached_patterns():
        path = _path(route, name, site)
        cache.clear()
        first = Client().get(
            f"{path}?{POISON_QUERY}", HTTP_HOST=POISON_HOST.format(host=village.host)
        )
        again = Client().get(path, HTTP_HOST=village.host)
        assert first.status_code == again.status_code == 200, (name, first.status_code)
        assert again["X-Balai-Cache"] == "hit", name
        for response in (first, again):
            body = response.content.decode()
            assert "racun-cache" not in body and "utm_source" not in body, name
            assert ":6666" not in body and f"www.{village.host}" not in body, name
        body = again.content.decode()
        if 'rel="canonical"' in body:
            assert f'<link rel="canonical" href="{absolute_url(path, village=village)}">' in body
        checked.append(name)
    assert len(checked) == len(_cached_patterns())


def test_feeds_and_sitemap_link_the_canonical_host(village, site):
    canonical = absolute_url("/", village=village)
    rss = Client().get("/berita/rss/", HTTP_HOST=f"www.{village.host}:6666").content.decode()
    links = re.findall(r"<link>([^<]+)</link>", rss)
    assert links and all(link.startswith(canonical) for link in links), links
    sitemap = Client().get("/sitemap.xml", HTTP_HOST=f"www.{village.host}:6666").content.decode()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and all(loc.startswith(canonical) for loc in locs), locs
    robots = Client().get("/robots.txt", HTTP_HOST=f"www.{village.host}:6666").content.decode()
    assert f"Sitemap: {canonical}sitemap.xml" in robots


def test_news_pagination_carries_only_the_parameters_the_cache_keys(village, site):
    from django.core.cache import cache

    cache.clear()
    Client().get("/berita/?utm_source=racun-cache&q=Kabar", HTTP_HOST=village.host)
    again = Client().get("/berita/?q=Kabar", HTTP_HOST=village.host)
    assert again["X-Balai-Cache"] == "hit"
    body = again.content.decode()
    assert "q=Kabar&amp;halaman=2" in body and "racun-cache" not in body


def test_password_reset_mail_links_the_platform_not_the_requests_host(settings):
    from tests.control_plane.onboarding.helpers import make_staff

    make_staff("reset-host", "ops")
    Client(HTTP_HOST=f"www.{settings.BALAI_DOMAIN}:6666").post(
        "/akun/sandi/lupa/", {"email": "reset-host@contoh.id"}
    )
    (message,) = mail.outbox
    assert absolute_url("/akun/sandi/atur/") in message.body
    assert ":6666" not in message.body and "www." not in message.body


def test_absolute_url_takes_a_path_only(village):
    assert absolute_url("/berita/", village=village).endswith(f"{village.host}:8000/berita/") or (
        absolute_url("/berita/", village=village).endswith(f"{village.host}/berita/")
    )
    for bad in ("berita/", "/berita/?utm_source=x", "/berita/#x", "https://jahat.example/"):
        with pytest.raises(ValueError, match="takes a path"):
            absolute_url(bad, village=village)
    assert absolute_url("/daftar/", query={"undangan": "a b"}).endswith("/daftar/?undangan=a+b")

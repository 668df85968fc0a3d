"""English for the public village website: the home page, the population statistics and
the complaint form switch language with the ``django_language`` cookie (or the
browser's ``Accept-Language``); without either they stay Indonesian.

The public pages are cached per village (``village_apps.web.cache``): the key carries
the active language next to the village schema, so an English visitor is never served
the cached Indonesian page, nor the reverse."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation

from tenants.context import village_context
from village_apps.web.cache import halaman_kunci

pytestmark = pytest.mark.django_db


def _get(client, url: str, *, english: bool):
    if english:
        client.cookies["django_language"] = "en"
    elif "django_language" in client.cookies:
        del client.cookies["django_language"]
    return client.get(url)


@pytest.mark.parametrize(
    ("url", "english", "indonesian"),
    [
        (
            "/",
            ["Welcome to the village of Hajimena", "Latest news", ">Home</a>", ">Complaints</a>"],
            ["Selamat datang di Desa Hajimena", "Berita terbaru", ">Beranda</a>"],
        ),
        (
            "/statistik/",
            ["<h1>Population statistics</h1>", "Aggregate data; contains no personal data."],
            ["<h1>Statistik penduduk</h1>", "Data agregat; tidak memuat data pribadi."],
        ),
        (
            "/pengaduan/",
            [
                "Send a complaint",
                "Track a complaint",
                "Name (optional)",
                "Tracking code",
                "In progress",
            ],
            ["Kirim pengaduan", "Lacak pengaduan", "Nama (boleh dikosongkan)", "Sedang diproses"],
        ),
    ],
)
def test_public_pages_switch_to_english(village_client, url, english, indonesian):
    html = _get(village_client, url, english=True).content.decode()
    for teks in english:
        assert teks in html, teks
    for teks in indonesian:
        assert teks not in html, teks

    html = _get(village_client, url, english=False).content.decode()
    for teks in indonesian:
        assert teks in html, teks
    for teks in english:
        assert teks not in html, teks


def test_statistics_table_headers_in_english(village_client):
    html = _get(village_client, "/statistik/jenis-kelamin/", english=True).content.decode()
    assert '<th class="num">Male</th>' in html and '<th class="num">Total</th>' in html
    html = _get(village_client, "/statistik/jenis-kelamin/", english=False).content.decode()
    assert '<th class="num">Laki-laki</th>' in html and '<th class="num">Jumlah</th>' in html


def test_unknown_tracking_code_in_english(village_client):
    response = _get(village_client, "/pengaduan/lacak/ZZZZZZZZ/", english=True)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Tracking code not found" in html and "<strong>ZZZZZZZZ</strong>" in html
    assert "Kode lacak tidak ditemukan" not in html


def _tanpa_token(isi: bytes) -> bytes:
    """The page without its CSRF token, which is every visitor's own (see web.cache)."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", isi)


@pytest.mark.parametrize("url", ["/", "/statistik/"])
def test_cached_page_is_never_served_in_the_other_language(village_client, url):
    pertama = _get(village_client, url, english=False)
    assert pertama["X-Balai-Cache"] == "miss"
    assert _get(village_client, url, english=False)["X-Balai-Cache"] == "hit"

    # The Indonesian copy is cached: the English visitor still gets an English page.
    inggris = _get(village_client, url, english=True)
    assert inggris["X-Balai-Cache"] == "miss"
    assert inggris["Content-Language"] == "en"
    assert ">Home</a>" in inggris.content.decode()
    assert ">Beranda</a>" not in inggris.content.decode()
    lagi = _get(village_client, url, english=True)
    assert lagi["X-Balai-Cache"] == "hit"
    assert _tanpa_token(lagi.content) == _tanpa_token(inggris.content)

    # ...and the Indonesian visitor after them is still served the Indonesian copy.
    kembali = _get(village_client, url, english=False)
    assert kembali["X-Balai-Cache"] == "hit"
    assert _tanpa_token(kembali.content) == _tanpa_token(pertama.content)
    assert kembali["Content-Language"] == "id"
    # Shared HTTP caches must not mix the two either.
    assert {"accept-language", "cookie"} <= {v.strip().lower() for v in kembali["Vary"].split(",")}


def test_browser_language_is_cached_apart(village_client):
    assert "Selamat datang di Desa" in village_client.get("/").content.decode()
    html = village_client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert "Welcome to the village of" in html
    assert "Selamat datang di Desa" in village_client.get("/").content.decode()


def test_cache_key_carries_language_and_village_schema(village, village_b):
    request = RequestFactory().get("/statistik/", {"utm_source": "x"})
    kunci = {}
    for desa in (village, village_b):
        request.tenant = desa
        with village_context(desa):
            for bahasa in ("id", "en"):
                with translation.override(bahasa):
                    kunci[desa.schema_name, bahasa] = halaman_kunci(request)
            penuh = cache.make_key(kunci[desa.schema_name, "en"])
        assert desa.schema_name in penuh
    assert ":en:" in kunci[village.schema_name, "en"]
    assert ":id:" in kunci[village.schema_name, "id"]
    assert kunci[village.schema_name, "en"] != kunci[village.schema_name, "id"]

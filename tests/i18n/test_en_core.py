"""English for the core: the base templates (village, back office, control plane), the
language switcher in their footers, the tenants pages and the control-plane console
and contracts. Indonesian stays the default without a language cookie."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.control_plane.onboarding.helpers import PASSWORD, make_staff, totp_now

pytestmark = pytest.mark.django_db

SWITCHER = 'data-testid="language-switcher"'


def _english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def _csrf_token(html: str) -> str:
    """The token of the language switcher's form (the footer's)."""
    form = html[html.index(SWITCHER) :]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def _ops_client(settings) -> Client:
    user = make_staff("ops-i18n", "ops")
    client = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    client.post("/akun/otp/", {"token": totp_now(user)})
    return client


def test_village_page_footer_and_switcher(village):
    indonesian = Client(HTTP_HOST=village.host).get("/").content.decode()
    assert '<html lang="id">' in indonesian
    assert "Didukung oleh Balai · Sistem Informasi Desa" in indonesian
    assert SWITCHER in indonesian and 'action="/i18n/setlang/"' in indonesian
    assert ">Bahasa Indonesia</option>" in indonesian and ">English</option>" in indonesian
    assert 'name="next" value="/"' in indonesian

    english = _english(Client(HTTP_HOST=village.host)).get("/").content.decode()
    assert '<html lang="en">' in english
    assert "Powered by Balai · Village Information System" in english
    assert "Didukung oleh Balai" not in english
    assert 'value="en" lang="en" selected' in english
    assert ">Hajimena Village</a>" in english and ">Desa Hajimena</a>" in indonesian


def test_switcher_post_on_village_host_switches_to_english(village):
    client = Client(HTTP_HOST=village.host, enforce_csrf_checks=True)
    page = client.get("/akun/masuk/").content.decode()
    assert SWITCHER in page and 'name="next" value="/akun/masuk/"' in page
    assert "Didukung oleh Balai" in page

    # CSRF is enforced on the switcher: no token, no change.
    refused = client.post("/i18n/setlang/", {"language": "en", "next": "/akun/masuk/"})
    assert refused.status_code == 403

    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/akun/masuk/", "csrfmiddlewaretoken": _csrf_token(page)},
    )
    assert response.status_code == 302 and response["Location"] == "/akun/masuk/"
    assert response.cookies["django_language"].value == "en"
    after = client.get("/akun/masuk/").content.decode()
    assert '<html lang="en">' in after and "Powered by Balai" in after
    assert "Didukung oleh Balai" not in after
    # The next page (the public home) is in English too.
    home = client.get("/").content.decode()
    assert "Powered by Balai" in home and "Didukung oleh Balai" not in home

    # And back to Indonesian.
    back = client.post(
        "/i18n/setlang/",
        {"language": "id", "next": "/", "csrfmiddlewaretoken": _csrf_token(after)},
    )
    assert back.status_code == 302
    assert "Didukung oleh Balai" in client.get("/akun/masuk/").content.decode()


def test_switcher_on_a_cached_public_page(village):
    """The cached copy of a page carries no visitor's token: each visitor gets their own
    (and its cookie), so the switcher works on a cache hit and nobody is handed a token
    that is valid for the first visitor's cookie."""
    first = Client(HTTP_HOST=village.host, enforce_csrf_checks=True)
    first_page = first.get("/")  # fills the page cache
    client = Client(HTTP_HOST=village.host, enforce_csrf_checks=True)
    response = client.get("/")
    assert response["X-Balai-Cache"] == "hit"
    page = response.content.decode()
    assert _csrf_token(page) != _csrf_token(first_page.content.decode())
    assert "csrftoken" in response.cookies
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/", "csrfmiddlewaretoken": _csrf_token(page)},
    )
    assert response.status_code == 302


def test_switcher_post_on_control_plane_host(settings):
    client = Client(HTTP_HOST=settings.BALAI_DOMAIN, enforce_csrf_checks=True)
    page = client.get("/").content.decode()
    assert SWITCHER in page
    assert "Balai — Sistem Informasi Desa untuk semua desa" in page
    assert "Balai · platform Sistem Informasi Desa" in page
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/", "csrfmiddlewaretoken": _csrf_token(page)},
    )
    assert response.status_code == 302
    english = client.get("/").content.decode()
    assert "Balai — a Village Information System for every village" in english
    assert "Balai · Village Information System platform" in english
    assert "Sistem Informasi Desa untuk semua desa" not in english


def test_unknown_village_page_follows_the_language_cookie(settings):
    host = f"tidak-ada.{settings.BALAI_DOMAIN}"
    indonesian = Client(HTTP_HOST=host).get("/")
    assert indonesian.status_code == 404
    assert "Desa tidak ditemukan" in indonesian.content.decode()
    english = _english(Client(HTTP_HOST=host)).get("/").content.decode()
    assert "Village not found" in english and "Desa tidak ditemukan" not in english
    assert '<html lang="en">' in english


def test_console_and_contracts_in_english(settings, village):
    client = _ops_client(settings)
    listing = client.get("/ops/desa/", {"status": "archived"}).content.decode()
    assert "Semua desa" in listing and "Tidak ada desa." in listing
    detail = client.get(f"/ops/desa/{village.slug}/").content.decode()
    assert "Cabut penangguhan" not in detail and "Hapus permanen" not in detail
    assert "Domain khusus" in detail

    _english(client)
    listing = client.get("/ops/desa/", {"status": "archived"}).content.decode()
    assert "All villages" in listing and "No villages." in listing
    assert "Semua desa" not in listing
    detail = client.get(f"/ops/desa/{village.slug}/").content.decode()
    assert "Custom domains" in detail and "Domain khusus" not in detail
    contracts = client.get("/kabupaten/").content.decode()
    assert "Regency contracts" in contracts and "Kontrak kabupaten" not in contracts
    assert "New contract" in contracts

"""Error pages speak Indonesian and lead home, on village sites and the control plane
(issue 18, finding 14: the 403 page was a bare English "403 Forbidden")."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.views import defaults

pytestmark = pytest.mark.django_db

ENGLISH = ("Forbidden", "Not Found", "Bad Request", "Server Error", "CSRF")


def _assert_page(response, status: int, heading: str) -> str:
    body = response.content.decode()
    assert response.status_code == status, body[:300]
    assert f"<h1>{heading}</h1>" in body, body
    assert '<html lang="id">' in body and 'href="/"' in body
    assert not [w for w in ENGLISH if w in body], body
    return body


def test_refused_pages_on_a_village_site(village, viewer_client, village_client):
    body = _assert_page(viewer_client.post("/kelola/penduduk/tambah/", {}), 403, "Akses ditolak")
    assert "Desa Hajimena" in body  # the page says which village the visitor is on
    _assert_page(village_client.get("/tidak-ada/"), 404, "Halaman tidak ditemukan")
    csrf = Client(HTTP_HOST=village.host, enforce_csrf_checks=True)
    _assert_page(csrf.post("/akun/masuk/", {}), 403, "Formulir kedaluwarsa")


def test_refused_pages_on_the_control_plane(manager_client, public_client):
    _assert_page(manager_client.get("/ops/desa/"), 403, "Akses ditolak")
    _assert_page(public_client.get("/tidak-ada/"), 404, "Halaman tidak ditemukan")
    # A kabupaten that has closed its dashboard below its own level: the reason shows.
    from control_plane.dashboards.models import KabupatenDashboardSetting

    KabupatenDashboardSetting.objects.create(kabupaten_code="1801", public=False)
    body = _assert_page(public_client.get("/dasbor/wilayah/180104/"), 403, "Akses ditolak")
    assert "belum membuka dasbor publik" in body


def test_bad_request_and_server_error_pages(settings):
    request = RequestFactory().get("/", HTTP_HOST=settings.BALAI_DOMAIN)
    _assert_page(defaults.bad_request(request, Exception()), 400, "Permintaan tidak valid")
    # Rendered without a request context, as Django does for a 500.
    _assert_page(defaults.server_error(request), 500, "Terjadi kesalahan")


def test_error_pages_follow_the_language(public_client):
    response = public_client.get("/tidak-ada/", HTTP_ACCEPT_LANGUAGE="en")
    assert "<h1>Page not found</h1>" in response.content.decode()

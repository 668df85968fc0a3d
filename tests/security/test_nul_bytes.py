"""A NUL byte anywhere in a request is a clean 400, on every URL of both URLconfs
(issue 16, finding 14: ``/berita/?q=%00`` and ``/surat/verifikasi/%00/`` answered 500).

The sweep walks the URLconfs (``tests.urlsweep``), so a route added later is covered,
and sends each route a NUL in a query parameter, in a path parameter, in form fields
(urlencoded and multipart), in a JSON body, a cookie and a header, as a signed-in user whose session would reach the view.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory

from balai_kernel.nul_bytes import request_has_nul
from tests.control_plane.console.test_villages import login
from tests.control_plane.onboarding.helpers import make_staff
from tests.support.builders import village_login
from tests.urlsweep import every_route

pytestmark = [pytest.mark.django_db, pytest.mark.security]

QUERY = "q=%00&halaman=1%00&kode=%00&status=%00&tahun=%00&kategori=%00&undangan=%00&next=%00"
FORM = {
    name: f"a\x00{name}"
    for name in ("q", "nama", "judul", "isi", "domain", "username", "password", "email", "kode")
}


def _clients(village, settings) -> dict[str, Client]:
    from tenants.context import village_context
    from village_apps.akun.services import village_user_create

    with village_context(village):
        admin = village_user_create(username="nul-admin", role="admin", password="sandi-kuat-12345")
    return {
        "balai_site.urls_public": login(make_staff("nul-ops", "ops"), settings),
        "balai_site.urls_tenant": village_login(Client(HTTP_HOST=village.host), admin, village),
    }


def _refused(response, what: str) -> None:
    assert response.status_code == 400, (what, response.status_code)
    body = response.content.decode()
    assert "Permintaan tidak valid" in body and "Traceback" not in body, what


def test_every_url_refuses_a_nul_byte_with_400(village, settings):
    clients = _clients(village, settings)
    seen = 0
    for urlconf, client in clients.items():
        for route in every_route(urlconf):
            path = route.concrete()
            _refused(client.get(f"{path}?{QUERY}"), f"{route.name} GET ?q=%00")
            for _conv, name in route.params:
                nul_path = route.concrete({name: "a%00b"})
                _refused(client.get(nul_path), f"{route.name} {name}=%00")
            if not route.params:
                _refused(client.get(path + "%00"), f"{route.name} path+%00")
            _refused(client.post(path, FORM), f"{route.name} POST urlencoded")
            upload = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff\x00\x00", "image/jpeg")
            multipart = {"judul": "a\x00", "berkas": upload}
            _refused(client.post(path, multipart), f"{route.name} POST multipart")
            _refused(
                client.post(path, json.dumps({"q": "a\x00"}), content_type="application/json"),
                f"{route.name} POST JSON",
            )
            seen += 1
    assert seen > 150  # both URLconfs were walked


def test_the_reported_requests_and_a_cookie(village_client, public_client):
    _refused(village_client.get("/berita/?q=%00"), "/berita/?q=%00")
    _refused(village_client.get("/surat/verifikasi/%00/"), "/surat/verifikasi/%00/")
    _refused(village_client.get("/pengaduan/lacak/?kode=%00"), "lacak ?kode=%00")
    village_client.cookies["sessionid"] = "abc\x00def"
    _refused(village_client.get("/"), "session cookie")
    _refused(public_client.get("/daftar/", HTTP_X_SUSUPAN="a\x00"), "header")


def test_binary_uploads_and_ordinary_requests_pass(village_client):
    factory = RequestFactory()
    png = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png")
    assert not request_has_nul(factory.post("/x/", {"judul": "Foto", "gambar": png}))
    assert not request_has_nul(factory.get("/berita/", {"q": "posyandu"}))
    assert village_client.get("/berita/", {"q": "posyandu"}).status_code == 200

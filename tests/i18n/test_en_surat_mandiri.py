"""English for the letters and self-service screens: the archive and template list, the
public verification page and the residents' PIN login switch language with the
``django_language`` cookie; without it they stay Indonesian. The letters themselves
(their content and PDF) stay Indonesian."""

from __future__ import annotations

import pytest

from tests.support.builders import village_login

pytestmark = pytest.mark.django_db


def _get(client, url: str, *, english: bool) -> str:
    if english:
        client.cookies["django_language"] = "en"
    return client.get(url).content.decode()


@pytest.mark.parametrize(
    ("url", "english", "indonesian"),
    [
        (
            "/surat/kelola/",
            ["Outgoing letter archive", "Create letter", "All statuses"],
            ["Arsip surat keluar", "Semua status"],
        ),
        (
            "/surat/kelola/format/",
            ["Letter templates", "Import from OpenSID"],
            ["Impor dari OpenSID", "Belum ada format surat"],
        ),
        (
            "/mandiri/kelola/pin/",
            ["Self-service PIN", "NIK or name"],
            ["PIN layanan mandiri", "NIK atau nama"],
        ),
    ],
)
def test_back_office_pages_in_english(village, village_client, admin, url, english, indonesian):
    village_login(village_client, admin, village)
    body = _get(village_client, url, english=True)
    for text in english:
        assert text in body
    for text in indonesian:
        assert text not in body


def test_back_office_stays_indonesian_without_cookie(village, village_client, admin):
    village_login(village_client, admin, village)
    body = _get(village_client, "/surat/kelola/", english=False)
    assert "Arsip surat keluar" in body
    assert "Outgoing letter archive" not in body


def test_public_verification_page_in_english(village, village_client):
    url = "/surat/verifikasi/tidakada" + "0" * 40 + "/"
    body = _get(village_client, url, english=True)
    assert "Letter not valid" in body
    assert "This verification code is not recognised." in body
    assert "Surat tidak valid" not in body


def test_public_verification_page_indonesian_by_default(village, village_client):
    body = _get(village_client, "/surat/verifikasi/tidakada" + "0" * 40 + "/", english=False)
    assert "Surat tidak valid" in body
    assert "Letter not valid" not in body


def test_self_service_login_page_in_english(village, village_client):
    body = _get(village_client, "/mandiri/masuk/", english=True)
    assert "Resident self-service" in body
    assert "Log in" in body
    assert "Layanan mandiri warga" not in body
    wrong = village_client.post("/mandiri/masuk/", {"nik": "1" * 16, "pin": "000000"})
    assert "Incorrect NIK or PIN, or the account is temporarily locked" in wrong.content.decode()


def test_self_service_login_page_indonesian_by_default(village, village_client):
    body = _get(village_client, "/mandiri/masuk/", english=False)
    assert "Layanan mandiri warga" in body
    assert "Resident self-service" not in body

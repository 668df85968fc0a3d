"""The village's certificate upload: each problem refused with its own Indonesian
message, nothing stored; a good certificate stored sealed (never in clear)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tenants.context import village_context
from village_apps.tte.choices import Penyedia
from village_apps.tte.models import PengaturanTte

from .helpers import foreign_ca, p12_make

pytestmark = pytest.mark.django_db
URL = "/surat/kelola/tte/sertifikat/"


def _upload(client, berkas: bytes, passphrase: str):
    return client.post(
        URL,
        {"berkas": SimpleUploadedFile("kades.p12", berkas), "passphrase": passphrase},
    )


@pytest.mark.parametrize(
    ("berkas", "passphrase", "pesan"),
    [
        (lambda: p12_make(), "salah", "Passphrase sertifikat salah."),
        (
            lambda: p12_make(hari=10, mulai_hari=-20),
            "rahasia-desa",
            "Sertifikat sudah kedaluwarsa sejak",
        ),
        (lambda: p12_make(with_key=False), "rahasia-desa", "tidak berisi kunci privat"),
        (
            lambda: p12_make(issuer=foreign_ca()),
            "rahasia-desa",
            "tidak diterbitkan oleh CA yang dipercaya",
        ),
        (lambda: b"%PDF-1.7 bukan sertifikat", "x", "bukan sertifikat PKCS#12"),
        (lambda: p12_make(mulai_hari=5), "rahasia-desa", "baru berlaku mulai"),
    ],
    ids=["passphrase", "kedaluwarsa", "tanpa-kunci", "ca-asing", "bukan-p12", "belum-berlaku"],
)
def test_bad_certificates_are_refused_with_their_reason(
    village, admin_client, berkas, passphrase, pesan
):
    response = _upload(admin_client, berkas(), passphrase)
    assert response.status_code == 400
    assert pesan in response.content.decode()
    with village_context(village):
        assert not PengaturanTte.objects.exists()


def test_good_certificate_is_stored_sealed_and_chosen(village, admin_client):
    berkas = p12_make(nama="Suryadi Wijaya", passphrase="rahasia-desa")
    response = _upload(admin_client, berkas, "rahasia-desa")
    assert response.status_code == 302
    with village_context(village):
        row = PengaturanTte.objects.get()
    assert row.penyedia == Penyedia.LOKAL
    assert row.nama_pemegang == "Suryadi Wijaya"
    assert berkas not in bytes(row.p12_tersegel)
    assert b"rahasia-desa" not in bytes(row.passphrase_tersegel)
    page = admin_client.get("/surat/kelola/tte/").content.decode()
    assert "Suryadi Wijaya" in page and row.sertifikat_sidik in page


def test_settings_page_needs_the_manage_right(village, operator_client, viewer_client):
    assert viewer_client.get("/surat/kelola/tte/").status_code == 403
    assert viewer_client.post(URL, {}).status_code == 403


def test_local_provider_needs_a_certificate(village, admin_client):
    response = admin_client.post("/surat/kelola/tte/", {"penyedia": "lokal"})
    assert response.status_code == 400
    assert "Unggah sertifikat desa" in response.content.decode()

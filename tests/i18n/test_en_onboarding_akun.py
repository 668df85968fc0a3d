"""English for sign-up, village login, profil and wilayah: the ``django_language=en``
cookie switches the page to English; without it the page stays Indonesian."""

from __future__ import annotations

import pytest


def _en(client):  # noqa: ANN001, ANN202
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.django_db
def test_public_signup_page_in_english_and_indonesian(wilayah, public_client):  # noqa: F811
    page = public_client.get("/daftar/").content.decode()
    assert "Daftarkan desa Anda di Balai" in page and "Kode Kemendagri atau nama desa" in page
    assert "Register your village on Balai" not in page
    assert "Provinsi" in public_client.get("/daftar/wilayah/").content.decode()

    page = _en(public_client).get("/daftar/").content.decode()
    assert "Register your village on Balai" in page
    assert "Kemendagri code or village name" in page and "Your name" in page
    assert "Terms of service" in page and "Privacy policy" in page
    assert "Daftarkan desa Anda di Balai" not in page and "Nama Anda" not in page
    cascade = _en(public_client).get("/daftar/wilayah/").content.decode()
    assert "Province" in cascade and "Regency/city" in cascade


def test_operator_login_page_in_english_and_indonesian(village_client):  # noqa: ANN001
    page = village_client.get("/akun/masuk/").content.decode()
    assert "Masuk operator desa" in page and "Nama pengguna" in page

    page = _en(village_client).get("/akun/masuk/").content.decode()
    assert "Village operator login" in page and "Username" in page and "Password" in page
    assert "Masuk operator desa" not in page and "Nama pengguna" not in page


def test_profil_identity_page_in_english(admin_client):  # noqa: ANN001
    page = admin_client.get("/kelola/profil/").content.decode()
    assert "Identitas desa" in page and "Tambah aparatur" in page

    page = _en(admin_client).get("/kelola/profil/").content.decode()
    assert "Village identity" in page and "Add official" in page
    assert "office address" in page.lower()  # model field label from the catalog
    assert "Identitas desa" not in page and "Tambah aparatur" not in page


def test_wilayah_and_audit_pages_in_english(admin_client):  # noqa: ANN001
    page = admin_client.get("/kelola/wilayah/").content.decode()
    assert "Wilayah administratif" in page and "Tambah dusun" in page

    _en(admin_client)
    page = admin_client.get("/kelola/wilayah/").content.decode()
    assert "Administrative areas" in page and "Add dusun" in page
    assert "Wilayah administratif" not in page and "Tambah dusun" not in page

    page = admin_client.get("/kelola/audit/").content.decode()
    assert "Data access audit trail" in page and "All actions" in page
    assert "Jejak audit akses data" not in page

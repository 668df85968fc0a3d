"""Hostile OpenSID backups and folder archives through the real upload page and the
import job (issue 11, "Bad input"): every one ends in a failed job with an Indonesian
message or a refused upload — never an exception, a job stuck "berjalan", or data."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile

import pytest
from django.db import connection
from django.test import Client

from tenants.context import village_context
from tests.security import berkas as b
from tests.support.builders import village_login
from tests.village_apps.opensid_import.dumps import matching_tables, opensid_sql

pytestmark = pytest.mark.security

URL = "/kelola/impor-opensid/"
MB = 1024 * 1024
TABEL = ("penduduk_penduduk", "keluarga_keluarga", "wilayah_rt", "web_artikel", "surat_suratkeluar")


@pytest.fixture
def admin_b_client(village_b, settings, tmp_path):
    from village_apps.akun.services import village_user_create

    settings.MEDIA_ROOT = tmp_path
    with village_context(village_b):
        user = village_user_create(username="uji-opensid", role="admin", password="sandi-kuat-1234")
    return village_login(Client(HTTP_HOST=village_b.host), user, village_b)


def _jumlah(village) -> dict[str, int]:
    with village_context(village), connection.cursor() as cur:
        hasil = {}
        for tabel in TABEL:
            cur.execute(f"SELECT count(*) FROM {tabel}")  # noqa: S608 - fixed names
            hasil[tabel] = cur.fetchone()[0]
        return hasil


def _berkas(data: bytes, nama: str) -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = nama
    return f


def _jalankan(village, response):
    """Run the queued job the way the worker does; return it."""
    from village_apps.opensid_import.models import ImporOpenSID
    from village_apps.opensid_import.services import impor_jalankan

    assert response.status_code == 302, response.content.decode()[:2000]
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    with village_context(village):
        impor_jalankan(impor_id=pk)  # must not raise
        return ImporOpenSID.objects.get(pk=pk)


def _gzip_spasi(mb: int) -> bytes:
    """A gzip bomb: ``mb`` megabytes of spaces, never a ``;`` (the reader stops at 16 MB)."""
    keluar = io.BytesIO()
    blok = b" " * MB
    with gzip.GzipFile(fileobj=keluar, mode="wb", compresslevel=1) as gz:
        for _ in range(mb):
            gz.write(blok)
    return keluar.getvalue()


BACKUP_JAHAT = {
    "acak.sql": (lambda: os.urandom(64 * 1024), ""),
    "terpotong.sql.gz": (
        lambda: gzip.compress(opensid_sql(matching_tables()).encode())[:400],
        "rusak atau terpotong",
    ),
    "bom.sql.gz": (lambda: _gzip_spasi(40), "terlalu panjang"),
    "tabel_salah.sid": (lambda: json.dumps({"tabel": {"tweb_penduduk": 5}}).encode(), "tabel"),
    "tabel_daftar.sid": (lambda: json.dumps({"tabel": [1, 2]}).encode(), "bukan berkas .sid"),
    "baris_salah.sid": (
        lambda: json.dumps({"tabel": {"tweb_penduduk": {"data": [1, "x"]}}}).encode(),
        "bukan objek",
    ),
    "bersarang.sid": (
        lambda: b'{"tabel": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
        "JSON bersarang",
    ),
}


@pytest.mark.parametrize("nama", BACKUP_JAHAT)
def test_hostile_backup_fails_the_job_with_a_message(nama, village_b, admin_b_client):
    buat, pesan = BACKUP_JAHAT[nama]
    sebelum = _jumlah(village_b)
    job = _jalankan(village_b, admin_b_client.post(URL, {"berkas": _berkas(buat(), nama)}))
    assert job.status == "gagal"
    assert any(pesan in e for e in job.hasil["errors"]), job.hasil["errors"]
    assert not job.berkas  # the upload is not kept
    assert _jumlah(village_b) == sebelum


def test_folder_archive_that_is_not_a_zip_is_refused_at_upload(village_b, admin_b_client):
    dump = _berkas(opensid_sql(matching_tables()).encode(), "cadangan.sql")
    response = admin_b_client.post(
        URL, {"berkas": dump, "berkas_desa": _berkas(os.urandom(4096), "d.zip")}
    )
    assert response.status_code == 400
    assert "bukan arsip ZIP" in response.content.decode()
    with village_context(village_b):
        from village_apps.opensid_import.models import ImporOpenSID

        assert not ImporOpenSID.objects.exists()


def test_folder_archive_bombs_scripts_and_broken_members_are_skipped(village_b, admin_b_client):
    from django.core.files.storage import default_storage

    tables = matching_tables()
    tables["tweb_penduduk"][0]["foto"] = "warga1.jpg"
    tables["tweb_penduduk"][1]["foto"] = "warga2.jpg"
    tables["config"][0]["logo"] = "logo.png"
    tables["kategori"] = [{"id": 1, "kategori": "Berita", "slug": "berita"}]
    tables["artikel"] = [
        {"id": 5, "judul": "Kerja bakti", "isi": "<p>Ayo</p>", "enabled": 1,
         "id_kategori": 1, "gambar": "jebakan.html", "tgl_upload": "2022-05-01 08:00:00"},
        {"id": 6, "judul": "Gotong royong", "isi": "<p>Ayo</p>", "enabled": 1,
         "id_kategori": 1, "gambar": "gambar.svg", "tgl_upload": "2022-05-02 08:00:00"},
    ]  # fmt: skip
    arsip = io.BytesIO()
    with zipfile.ZipFile(arsip, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("desa/upload/user_pict/warga1.jpg", "w", force_zip64=True) as fh:
            for _ in range(100):  # a 100 MB "photo"
                fh.write(b"\xff" * MB)
        zf.writestr("desa/upload/artikel/jebakan.html", b"<script>alert(1)</script>")
        zf.writestr("desa/upload/artikel/gambar.svg", b"<svg onload=alert(1)></svg>")
        zf.writestr("desa/logo/logo.png", b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    # Another member lies about its size: declared 100 bytes, holds 2 MB.
    data = b.bohongi_ukuran(
        _tambah(arsip.getvalue(), "desa/upload/user_pict/warga2.jpg", os.urandom(2 * MB)),
        "desa/upload/user_pict/warga2.jpg",
        100,
    )
    dump = _berkas(opensid_sql(tables).encode(), "cadangan.sql")
    job = _jalankan(
        village_b, admin_b_client.post(URL, {"berkas": dump, "berkas_desa": _berkas(data, "d.zip")})
    )
    assert job.status == "selesai", job.hasil["errors"]
    peringatan = " ".join(job.hasil["warnings"])
    assert "dilewati: bukan berkas gambar" in peringatan  # the .html and the .svg
    assert "dilewati: terlalu besar" in peringatan  # the bomb
    assert "dilewati: rusak" in peringatan  # the liar (CRC and size do not match)
    with village_context(village_b):
        from village_apps.penduduk.models import Penduduk
        from village_apps.profil.models import ProfilDesa
        from village_apps.web.models import Artikel

        assert not any(a.gambar for a in Artikel.objects.all())
        assert not any(p.foto for p in Penduduk.objects.all())
        logo = ProfilDesa.objects.get().logo
        assert logo.name.endswith(".png")
        default_storage.delete(logo.name)


def _tambah(data: bytes, nama: str, isi: bytes) -> bytes:
    keluar = io.BytesIO(data)
    with zipfile.ZipFile(keluar, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(nama, isi)
    return keluar.getvalue()


def test_media_serves_pictures_only_even_from_public_folders(
    village, village_client, settings, tmp_path
):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path
    with village_context(village):
        html = default_storage.url(default_storage.save("web/artikel/x.html", ContentFile(b"<b>")))
        svg = default_storage.url(default_storage.save("web/artikel/x.svg", ContentFile(b"<svg/>")))
        js = default_storage.url(default_storage.save("profil/x.js", ContentFile(b"alert(1)")))
        png = default_storage.url(default_storage.save("profil/x.png", ContentFile(b"\x89PNG")))
    for url in (html, svg, js):
        assert village_client.get(url).status_code == 404, url
    response = village_client.get(png)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"

"""The letters back office over HTTP: permissions, issuing with preview, archive search
without N+1, identical re-download, revocation, import upload, rate-limited verification."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.context import village_context
from tests.support.shared_files import SHARED_DIR
from village_apps.surat import services
from village_apps.surat.models import FormatSurat, PenomoranSurat, SuratKeluar

from .helpers import format_editor_data, penduduk_make

pytestmark = pytest.mark.django_db
OPENSID_JSON = SHARED_DIR / "opensid" / "template_surat_tinymce.json"


def login(client, village, user) -> None:
    with village_context(village):  # the user lives in the village schema
        client.force_login(user)


def test_back_office_needs_login_and_editor_role(village, village_client, pengguna):
    assert village_client.get("/surat/kelola/").status_code == 302
    login(village_client, village, pengguna["peninjau"])
    assert village_client.get("/surat/kelola/").status_code == 200
    assert village_client.get("/surat/kelola/buat/").status_code == 403
    assert village_client.get("/surat/kelola/format/impor/").status_code == 403


def test_preview_then_issue_then_download_identical(village, village_client, pengguna):
    with village_context(village):
        warga = penduduk_make(nama="Ahmad Fauzi")
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
    login(village_client, village, pengguna["operator"])
    url = f"/surat/kelola/buat/{fmt.pk}/{warga.pk}/"
    assert village_client.get(url).status_code == 200
    preview = village_client.post(url, {"aksi": "pratinjau", "form_keperluan": "bank"})
    assert preview["Content-Type"] == "application/pdf"
    with village_context(village):
        assert not PenomoranSurat.objects.exists()  # a preview takes no number
    missing = village_client.post(url, {"aksi": "terbitkan"})
    assert "Keperluan wajib diisi." in missing.content.decode()
    issued = village_client.post(url, {"aksi": "terbitkan", "form_keperluan": "bank"})
    assert issued.status_code == 302
    with village_context(village):
        surat = SuratKeluar.objects.get()
    first = village_client.get(f"/surat/kelola/{surat.pk}/unduh/")
    second = village_client.get(f"/surat/kelola/{surat.pk}/unduh/")
    assert first.content == second.content
    assert hashlib.sha256(first.content).hexdigest() == surat.pdf_sha256
    assert (
        village_client.post(f"/surat/kelola/{surat.pk}/cabut/", {"alasan": ""}).status_code == 302
    )
    with village_context(village):
        assert SuratKeluar.objects.get().status == "terbit"
    village_client.post(f"/surat/kelola/{surat.pk}/cabut/", {"alasan": "salah ketik"})
    with village_context(village):
        assert SuratKeluar.objects.get().status == "dicabut"


def test_archive_search_and_query_count(village, village_client, pengguna):
    with village_context(village):
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        for nama in ("Rina Wati", "Joko Susilo", "Rina Marlina"):
            services.surat_issue(
                format_surat=fmt, penduduk=penduduk_make(nama=nama), isian={"form_keperluan": "x"}
            )
    login(village_client, village, pengguna["peninjau"])
    village_client.get("/surat/kelola/")  # warm the session/permission lookups
    connection.queries_log.clear()  # the log is a bounded deque: a full one captures nothing
    with CaptureQueriesContext(connection) as queries:
        page = village_client.get("/surat/kelola/?q=rina")
    body = page.content.decode()
    assert "Rina Wati" in body and "Rina Marlina" in body and "Joko" not in body
    assert len(queries) <= 10
    assert all('"pdf"' not in q["sql"] or "surat_suratkeluar" not in q["sql"] for q in queries)


@pytest.mark.shared_files("opensid/template_surat_tinymce.json")
def test_import_view_reports_unmapped(village, village_client, pengguna):
    login(village_client, village, pengguna["admin"])
    items = json.loads(OPENSID_JSON.read_text(encoding="utf-8"))
    items[0] = {**items[0], "template": items[0]["template"] + "<p>[KLg11_nik]</p>"}
    upload = SimpleUploadedFile(
        "t.json", json.dumps(items).encode(), content_type="application/json"
    )
    page = village_client.post("/surat/kelola/format/impor/", {"berkas": upload})
    body = page.content.decode()
    assert "42 format baru" in body
    assert "[KLg11_nik]" in body
    bad = village_client.post(
        "/surat/kelola/format/impor/", {"berkas": SimpleUploadedFile("x.json", b"{nope")}
    )
    assert "bukan JSON" in bad.content.decode()


def test_verification_is_rate_limited(village_client):
    statuses = [
        village_client.get(f"/surat/verifikasi/tebak{i:040d}/").status_code for i in range(35)
    ]
    assert statuses[0] == 404 and statuses[-1] == 429


def test_template_editor_and_settings(village, village_client, pengguna):
    login(village_client, village, pengguna["admin"])
    data = format_editor_data(
        kode_surat="999.9",
        isi="<p>[NAma] [Form_catatan]</p>",
        kode_isian_json='[{"kode": "form_catatan", "nama": "Catatan", "required": true}]',
        syarat_baris="KTP\nKK\n",
    )
    bad = village_client.post("/surat/kelola/format/baru/", data)
    assert "tidak dikenal" in bad.content.decode()
    assert (
        village_client.post("/surat/kelola/format/baru/", {**data, "kode_surat": "470"}).status_code
        == 302
    )
    with village_context(village):
        fmt = FormatSurat.objects.get(slug="uji-editor")
        assert fmt.syarat == ["KTP", "KK"] and fmt.kode_isian[0]["required"] is True
        assert fmt.sumber == "desa"
    settings = {
        "format_nomor": "[kode_surat]/[nomor_surat, 4]/[tahun]",
        "lingkup_nomor": "global",
        "ttd_nama": "Sutrisno",
        "ttd_nip": "",
        "ttd_jabatan": "Kepala Desa",
        "rantai": "sekdes,kades",
    }
    no_number = village_client.post(
        "/surat/kelola/pengaturan/", {**settings, "format_nomor": "[tahun]"}
    )
    assert "harus memuat [nomor_surat]" in no_number.content.decode()
    assert village_client.post("/surat/kelola/pengaturan/", settings).status_code == 302
    with village_context(village):
        from village_apps.surat.selectors import pengaturan_get

        saved = pengaturan_get()
        assert saved.rantai_persetujuan == ["sekdes", "kades"] and saved.lingkup_nomor == "global"
        surat = services.surat_issue(
            format_surat=fmt, penduduk=penduduk_make(nama="ani"), isian={"form_catatan": "c"}
        )
        assert surat.nomor == f"470/0001/{surat.tahun}" and surat.ttd_nama == "Sutrisno"

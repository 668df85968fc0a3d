"""Issued letters signed with the village's certificate, checked on the public
verification page (browser-free): valid with the signer's name; a stored PDF changed
afterwards, or stripped of its signature, is "tidak valid"."""

from __future__ import annotations

import re

import pytest

from tenants.context import village_context
from tests.support.builders import KEPALA_DESA
from tests.village_apps.surat.helpers import penduduk_make
from village_apps.surat import pdf, services
from village_apps.surat.models import FormatSurat, SuratKeluar
from village_apps.tte.models import Penandatanganan, PengaturanTte

pytestmark = pytest.mark.django_db


def _issue(village, *, ttd=None) -> SuratKeluar:
    with village_context(village):
        return services.surat_issue(
            format_surat=FormatSurat.objects.get(slug="keterangan-domisili"),
            penduduk=penduduk_make(nama="Ahmad Fauzi"),
            isian={"form_keperluan": "bank"},
            penandatangan=ttd,
        )


def _page(village_client, surat: SuratKeluar) -> str:
    response = village_client.get(f"/surat/verifikasi/{surat.token}/")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_letter_signed_with_local_ca_certificate_verifies_and_tampering_fails(
    village, admin_client, operator_client, village_client
):
    # The admin makes the village a test certificate from the platform's local CA.
    made = admin_client.post("/surat/kelola/tte/sertifikat/uji/", {"nama": KEPALA_DESA})
    assert made.status_code == 302, made.content.decode()[-2000:]
    with village_context(village):
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        warga = penduduk_make(nama="Ahmad Fauzi")
    # The operator issues a letter; the default signer is the village head.
    issued = operator_client.post(
        f"/surat/kelola/buat/{fmt.pk}/{warga.pk}/",
        {"aksi": "terbitkan", "form_keperluan": "bank"},
    )
    assert issued.status_code == 302
    with village_context(village):
        surat = SuratKeluar.objects.get()
        record = Penandatanganan.objects.get(objek_id=surat.pk)
    assert record.ditandatangani and record.penanda_tangan == KEPALA_DESA
    assert b"/ETSI.CAdES.detached" in bytes(surat.pdf)
    detail = operator_client.get(f"/surat/kelola/{surat.pk}/").content.decode()
    assert f"Ditandatangani {KEPALA_DESA}" in detail

    page = _page(village_client, surat)
    assert 'Tanda tangan elektronik: <span class="verifikasi-sah">valid</span>' in page
    assert f"<dd data-penanda-tangan>{KEPALA_DESA}" in page
    assert "Balai CA Lokal (uji coba)" in page  # which CA vouches for the signer
    assert "Surat valid" in page

    # Someone flips bytes in the stored PDF (inside the signed range).
    content = bytearray(bytes(surat.pdf))
    at = content.index(b"/Type /Page")
    content[at + 2] ^= 0x20
    with village_context(village):
        SuratKeluar.objects.filter(pk=surat.pk).update(pdf=bytes(content))
    page = _page(village_client, surat)
    assert "Surat tidak valid" in page
    assert 'data-tte="tidak_valid"' in page
    assert "Isi surat telah berubah setelah ditandatangani." in page


def test_signature_removed_from_the_stored_pdf_is_not_valid(village, village_client):
    from village_apps.tte import services as tte_services

    with village_context(village):
        tte_services.sertifikat_tte_issue(nama=KEPALA_DESA, organisasi="Desa Uji")
    surat = _issue(village)
    with village_context(village):
        unsigned = pdf.render_pdf("<p>Surat</p>", halaman=pdf.Halaman())  # no signature
        SuratKeluar.objects.filter(pk=surat.pk).update(pdf=unsigned)
    page = _page(village_client, surat)
    assert "Surat tidak valid" in page
    assert "telah dihapus" in page


def test_letter_of_another_signer_is_issued_without_the_heads_signature(
    village, village_client, operator_client
):
    with village_context(village):
        from village_apps.tte import services as tte_services

        tte_services.sertifikat_tte_issue(nama=KEPALA_DESA, organisasi="Desa Uji")
    surat = _issue(village, ttd=services.Penandatangan("Sri Lestari", "", "Sekretaris Desa"))
    with village_context(village):
        record = Penandatanganan.objects.get(objek_id=surat.pk)
    assert not record.ditandatangani
    assert "bukan pemegang sertifikat" in record.alasan
    assert b"/ETSI.CAdES.detached" not in bytes(surat.pdf)
    page = _page(village_client, surat)
    assert "Surat valid" in page and "data-tte" not in page
    detail = operator_client.get(f"/surat/kelola/{surat.pk}/").content.decode()
    assert "Tidak ditandatangani secara elektronik" in detail
    assert "bukan pemegang sertifikat (Suryadi Wijaya)" in detail


def test_village_without_electronic_signature_issues_as_before(village, village_client):
    with village_context(village):
        assert not PengaturanTte.objects.exists()
    surat = _issue(village)
    with village_context(village):
        assert not Penandatanganan.objects.exists()
    page = _page(village_client, surat)
    assert "Surat valid" in page and "data-tte" not in page


def test_demo_letter_is_signed_with_a_local_ca_certificate(village, village_client):
    from village_apps.surat.demo import load_demo_village

    with village_context(village):
        penduduk_make(nama="Ahmad Fauzi")
        load_demo_village(village=village)
        load_demo_village(village=village)  # idempotent
        surat = SuratKeluar.objects.get()
        assert PengaturanTte.objects.get().nama_pemegang == KEPALA_DESA
    page = _page(village_client, surat)
    assert 'data-tte="valid"' in page and f"<dd data-penanda-tangan>{KEPALA_DESA}" in page

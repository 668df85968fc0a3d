"""Issuing letters: merged PDF text per case rule, numbering, identical re-download,
revocation, previews consume no number, audit rows."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from tenants.context import village_context
from village_apps.audit.models import AccessAudit
from village_apps.surat import services
from village_apps.surat.models import FormatSurat, PengaturanSurat, SuratKeluar
from village_apps.surat.selectors import surat_by_token

from .helpers import penduduk_make

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def _format(**extra) -> FormatSurat:
    fields = {"kode_surat": "470", "kop": True, **extra}
    return FormatSurat.objects.create(
        nama="Uji Kapital",
        slug=f"uji-{FormatSurat.objects.count()}",
        isi=(
            "<p>A:[NAMA] B:[nama] C:[NAma] D:[Nama] E:[NaMa] F:[X_keterangan]</p>"
            "<p>G:[Nama_desa] H:[NAMA_DESA] I:[Form_keperluan]</p>"
            "<p>J:[FORMAT_NOMOR_SURAT] K:[Ttl] L:[Alamat] M:[ALAMAT]</p>"
        ),
        kode_isian=[
            {"kode": "form_keperluan", "nama": "Keperluan", "required": True},
            {"kode": "x_keterangan", "nama": "Keterangan", "required": False},
        ],
        **fields,
    )


def test_pdf_text_has_merged_values_with_each_case_rule(village):
    with village_context(village):
        resident = penduduk_make(nama="budi SANTOSO")
        surat = services.surat_issue(
            format_surat=_format(),
            penduduk=resident,
            isian={"form_keperluan": "melamar KERJA", "x_keterangan": "sudah DIPERIKSA rt"},
        )
        text = pdf_text(bytes(surat.pdf))
    assert "A:budi SANTOSO" in text  # first and last upper: as stored
    assert "B:budi santoso" in text  # first lower: lowercase
    assert "C:BUDI SANTOSO" in text  # first two upper: UPPERCASE
    assert "D:Budi Santoso" in text  # first upper, second lower: Title Case
    assert "E:Budi Santoso" in text
    assert "F:Sudah diperiksa RT" in text  # other first-upper forms: Sentence case
    assert "G:Hajimena" in text and "H:Hajimena" in text
    assert "I:Melamar Kerja" in text
    assert f"J:470/{surat.nomor_urut:03d}/1801042001/" in text
    assert "K:Lampung Selatan, 17 Mei 1990" in text
    assert "L:Jl. Melati No. 5 RT 001 RW 002 Dusun Mawar" in text  # Title Case, RT kept
    assert "M:Jl. Melati No. 5 RT 001 RW 002 Dusun Mawar" in text
    assert "DESA HAJIMENA" in text  # letterhead


def test_numbers_follow_format_and_scope_and_previews_consume_none(village):
    with village_context(village):
        PengaturanSurat.objects.update_or_create(pk=1, defaults={"lingkup_nomor": "jenis"})
        fmt_a, fmt_b = _format(), _format(kode_surat="145")
        resident = penduduk_make()
        isian = {"form_keperluan": "x"}
        services.surat_preview(format_surat=fmt_a, penduduk=resident, isian=isian)
        first = services.surat_issue(format_surat=fmt_a, penduduk=resident, isian=isian)
        other = services.surat_issue(format_surat=fmt_b, penduduk=resident, isian=isian)
        second = services.surat_issue(format_surat=fmt_a, penduduk=resident, isian=isian)
        assert (first.nomor_urut, second.nomor_urut, other.nomor_urut) == (1, 2, 1)
        year = first.tanggal.year
        roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
        assert first.nomor == f"470/001/1801042001/{roman[first.tanggal.month - 1]}/{year}"

        PengaturanSurat.objects.filter(pk=1).update(lingkup_nomor="global")
        g1 = services.surat_issue(format_surat=fmt_a, penduduk=resident, isian=isian)
        g2 = services.surat_issue(format_surat=fmt_b, penduduk=resident, isian=isian)
        assert (g1.nomor_urut, g2.nomor_urut) == (1, 2)


def test_failed_issue_consumes_no_number(village):
    with village_context(village):
        fmt = _format()
        resident = penduduk_make()
        with pytest.raises(ValidationError):
            services.surat_issue(format_surat=fmt, penduduk=resident, isian={})
        surat = services.surat_issue(
            format_surat=fmt, penduduk=resident, isian={"form_keperluan": "x"}
        )
        assert surat.nomor_urut == 1


def test_redownload_is_identical_and_revoke_keeps_number(village):
    with village_context(village):
        resident = penduduk_make()
        surat = services.surat_issue(
            format_surat=FormatSurat.objects.get(slug="keterangan-domisili"),
            penduduk=resident,
            isian={"form_keperluan": "administrasi bank"},
        )
        issued = bytes(surat.pdf)
        again = services.surat_download(surat_id=surat.pk)
        assert bytes(again.pdf) == issued
        with pytest.raises(ValidationError):
            services.surat_revoke(surat_id=surat.pk, alasan="  ")
        services.surat_revoke(surat_id=surat.pk, alasan="data salah")
        revoked = surat_by_token(token=surat.token)
        assert revoked.dicabut and revoked.nomor == surat.nomor
        assert bytes(SuratKeluar.objects.get(pk=surat.pk).pdf) == issued
        actions = set(
            AccessAudit.objects.filter(object_type="surat", object_id=str(surat.pk)).values_list(
                "action", flat=True
            )
        )
        assert actions == {"issue", "download", "revoke"}
        text = pdf_text(issued)
        assert "SURAT KETERANGAN DOMISILI" in text
        assert "Administrasi Bank" in text


def test_default_templates_seeded_and_seed_is_idempotent(village):
    with village_context(village):
        assert FormatSurat.objects.filter(sumber="balai").count() >= 7
        assert services.format_surat_seed() == 0


def test_paper_size_and_orientation(village):
    with village_context(village):
        resident = penduduk_make()
        isian = {"form_keperluan": "x"}
        f4 = services.surat_preview(format_surat=_format(), penduduk=resident, isian=isian)
        a4 = services.surat_preview(
            format_surat=_format(ukuran="A4", orientasi="lanskap"), penduduk=resident, isian=isian
        )
    f4_box = PdfReader(io.BytesIO(f4)).pages[0].mediabox
    a4_box = PdfReader(io.BytesIO(a4)).pages[0].mediabox
    mm = 72 / 25.4
    assert (round(f4_box.width / mm), round(f4_box.height / mm)) == (215, 330)
    assert (round(a4_box.width / mm), round(a4_box.height / mm)) == (297, 210)

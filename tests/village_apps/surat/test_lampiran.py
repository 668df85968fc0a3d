"""Attachment forms (Dukcapil F-1.xx/F-2.xx, marriage N-1 … N-6): every registered form
renders filled and empty without a raw code or a crash; a birth letter's PDF carries
F-2.01 with the baby's and the reporter's data in the boxes, after the letter's pages;
OpenSID's template file names its forms and the import keeps them; the editor sets them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest

from tenants.context import village_context
from village_apps.surat import checks, lampiran, pdf, services
from village_apps.surat.lampiran import FORMULIR, DataLampiran, Orang, contoh_lengkap
from village_apps.surat.models import FormatSurat

from .helpers import (
    format_editor_data,
    opensid_templates_import,
    pdf_page_text,
    pdf_pages,
    penduduk_make,
)
from .test_pihak import SAKSI_LUAR

REQUIRED = {
    "F-1.01", "F-1.02", "F-1.03", "F-1.06", "F-1.08", "F-1.15", "F-1.16", "F-1.25",
    "F-1.27", "F-2.01", "F-2.12", "F-2.30", "N-1", "N-2", "N-3", "N-4", "N-5", "N-6",
}  # fmt: skip


def _clean(html: str) -> list[str]:
    """What must never print on a form: a merge code left raw, Python's ``None``, a
    template tag."""
    text = re.sub(r"<[^>]*>", " ", html)
    found = checks.raw_codes(html)
    found += [w for w in ("None", "{{", "{%", "&lt;span") if w in text]
    return found


def test_the_registry_has_every_form_of_the_issue_and_each_path_resolves():
    assert REQUIRED <= set(FORMULIR)
    full = contoh_lengkap()
    for form in FORMULIR.values():
        for path in lampiran.paths(form):
            lampiran.nilai(full, path)  # AttributeError names a path to nothing


@pytest.mark.parametrize("kode", sorted(REQUIRED))
def test_every_form_renders_filled_and_empty_without_raw_codes(kode):
    full = contoh_lengkap()
    filled = lampiran.render_html(kode, full)
    assert _clean(filled) == []
    assert f"Kode . {kode}" in filled
    # An optional field left empty (no passport, no phone, the reporter's NIK unknown),
    # and a letter whose forms know nothing at all: empty boxes, never a crash.
    partial = dataclasses.replace(
        full,
        pemohon=dataclasses.replace(full.pemohon, paspor="", telepon="", tanggal_lahir=None),
        pelapor=dataclasses.replace(full.pelapor, nik=""),
        anggota=(),
    )
    assert _clean(lampiran.render_html(kode, partial)) == []
    assert _clean(lampiran.render_html(kode, DataLampiran())) == []


def test_all_forms_print_as_one_pdf_each_on_its_own_page():
    forms = [lampiran.render_html(k, contoh_lengkap()) for k in sorted(REQUIRED)]
    content = pdf.render_pdf("<p>Surat</p>", halaman=pdf.Halaman(), lampiran=forms)
    assert pdf_pages(content) == 1 + len(REQUIRED)  # each form fits one page
    for page, kode in enumerate(sorted(REQUIRED), start=2):
        assert f"Kode.{kode}" in pdf_page_text(content, page)


def test_boxes_split_a_value_into_cells_and_escape_it():
    assert lampiran.sel("budi  santoso", 6) == [list("BUDI S"), list("ANTOSO")]
    assert lampiran.sel("", 3) == [["", "", ""]]
    assert lampiran.sel("12", 4) == [["1", "2", "", ""]]
    hostile = dataclasses.replace(
        contoh_lengkap(), pelapor=Orang(nama="<b>[nama]</b> {{ x }}", nik="1801")
    )
    html = lampiran.render_html("F-2.01", hostile)
    assert "<b>" not in html and "&lt;B&gt;" in html  # escaped, in upper case as boxed


def test_adapter_reads_a_balai_birth_letter():
    values = {
        "nama_desa": "Hajimena",
        "kode_desa": "1801042001",
        "form_nama_bayi": "Putri Ayu",
        "form_tempat_lahir": "Puskesmas Natar",
        "form_tanggal_lahir": "2026-11-20",
        "form_saksi1_nama": "Agus Salim",
        "form_saksi1_nik": "1801044100000006",
    }
    data = lampiran.data_from_letter(
        slug="keterangan-kelahiran",
        values=values,
        penduduk=None,
        tanggal=dt.date(2026, 12, 7),
    )
    assert data.anak.nama == "Putri Ayu"
    assert data.anak.tanggal_lahir == dt.date(2026, 11, 20)
    assert data.jenis_pelaporan == "1"
    assert (data.saksi1.nama, data.saksi1.nik) == ("Agus Salim", "1801044100000006")


@pytest.mark.django_db
def test_birth_letter_pdf_is_the_letter_then_a_filled_f201(village):
    with village_context(village):
        warga = penduduk_make(nama="Budi Santoso")
        fmt = FormatSurat.objects.get(slug="keterangan-kelahiran")
        assert fmt.lampiran == ["F-2.01"]  # Balai's birth letter attaches it
        isian = {
            "form_nama_bayi": "Putri Ayu Lestari",
            "form_tempat_lahir": "Natar",
            "form_tanggal_lahir": "2026-11-20",
        }
        surat = services.surat_issue(format_surat=fmt, penduduk=warga, isian=isian)
        content = bytes(surat.pdf)
        fmt.lampiran = []
        fmt.save(update_fields=["lampiran"])
        letter_only = bytes(services.surat_issue(format_surat=fmt, penduduk=warga, isian=isian).pdf)
    assert pdf_pages(content) == pdf_pages(letter_only) + 1
    form = pdf_page_text(content, pdf_pages(content))
    assert "Kode.F-2.01" in form
    assert "PUTRIAYULESTARI" in form  # the baby, boxed
    assert "NATAR" in form and "20112026" in form  # place, and date as Tgl/Bln/Thn boxes
    assert "BUDISANTOSO" in form and warga.nik in form  # the reporter (the parent)
    assert warga.keluarga.no_kk in form
    assert "PUTRIAYULESTARI" not in pdf_page_text(letter_only, pdf_pages(letter_only))


@pytest.mark.django_db
def test_opensid_import_keeps_the_forms_its_templates_name(village, shared_file):
    items = json.loads(
        shared_file("opensid/template_surat_tinymce.json").read_text(encoding="utf-8")
    )
    with village_context(village):
        services.format_surat_import(items=items)
        by_slug = dict(FormatSurat.objects.filter(sumber="opensid").values_list("slug", "lampiran"))
    assert by_slug["surat-keterangan-kelahiran"] == ["F-2.01"]
    assert by_slug["surat-keterangan-pindah-penduduk"] == ["F-1.03", "F-1.08", "F-1.25", "F-1.27"]
    # OpenSID's SPS and SWN are not Balai forms: left out, the N forms kept in order.
    assert by_slug["surat-keterangan-nikah"] == ["N-1", "N-2", "N-4", "N-5", "N-6"]
    assert by_slug["surat-keterangan-usaha"] == []


@pytest.mark.django_db
def test_template_editor_chooses_the_attached_forms(village, village_client, pengguna):
    with village_context(village):
        village_client.force_login(pengguna["admin"])
    data = format_editor_data(lampiran=["F-2.01", "F-2.30"])
    response = village_client.post("/surat/kelola/format/baru/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with village_context(village):
        assert FormatSurat.objects.get(slug="uji-editor").lampiran == ["F-2.01", "F-2.30"]
    with village_context(village):
        fmt = FormatSurat.objects.get(slug="keterangan-kelahiran")
        warga = penduduk_make(nama="Ani")
    page = village_client.get(f"/surat/kelola/buat/{fmt.pk}/{warga.pk}/").content.decode()
    assert "dalam PDF yang sama: F-2.01" in page  # the operator sees what is attached
    bad = village_client.post(
        "/surat/kelola/format/baru/", format_editor_data(slug="uji-2", lampiran=["X-9"])
    )
    assert bad.status_code == 200 and "X-9" in bad.content.decode()


@pytest.mark.django_db
def test_opensid_birth_letter_fills_f201_from_the_people_it_names(village, shared_file):
    """OpenSID's Keterangan Kelahiran (the subject is the baby): the reporter picked from
    the register and a witness typed in (not a resident) land in F-2.01's boxes, with the
    birth's details."""
    shared_file("opensid/template_surat_tinymce.json")
    with village_context(village):
        opensid_templates_import()
        fmt = FormatSurat.objects.get(nama="Keterangan Kelahiran", sumber="opensid")
        assert fmt.lampiran == ["F-2.01"]
        bayi = penduduk_make(nama="Bayi Pratama", kk_level=4)
        ayah = penduduk_make(nama="Agus Pratama")
        ibu = penduduk_make(nama="Siti Aminah", sex=2)
        pelapor = penduduk_make(nama="Hasan Basri")
        data = {
            **{
                f"pihak-{role}-{k}": v
                for role, who in (("ayah", ayah), ("ibu", ibu), ("pelapor", pelapor))
                for k, v in (("sumber", "penduduk"), ("penduduk_id", str(who.pk)))
            },
            **SAKSI_LUAR,  # a witness typed in: Yusuf Hamdani, 3171011703850001
            "pihak-saksi_2-sumber": "penduduk",
            "pihak-saksi_2-penduduk_id": str(ibu.pk),
            "peristiwa-tanggal_kelahiran": "2026-11-30",
            "peristiwa-jam_kelahiran": "08:15",
            "peristiwa-tempat_dilahirkan": "Puskesmas",
            "peristiwa-kelahiran_anak": "2",
            "form_hubungan_pelapor_dengan_bayi": "Kakek",
        }
        pihak = services.pihak_clean(format_surat=fmt, data=data, penduduk=bayi)
        surat = services.surat_issue(format_surat=fmt, penduduk=bayi, isian=data, pihak=pihak)
        content = bytes(surat.pdf)
    form = pdf_page_text(content, pdf_pages(content))
    assert "Kode.F-2.01" in form
    assert "HASANBASRI" in form and pelapor.nik in form  # the reporter, from the register
    assert "YUSUFHAMDANI" in form and "3171011703850001" in form  # a witness, typed in
    assert "AGUSPRATAMA" in form and ayah.nik in form and "SITIAMINAH" in form
    assert "BAYIPRATAMA" in form and "30112026" in form and "08:15" in form

"""Residents for letter tests, made with the population models themselves."""

from __future__ import annotations

import datetime as dt
import secrets

from village_apps.keluarga.models import Keluarga
from village_apps.penduduk.models import Penduduk
from village_apps.surat.selectors import penduduk_for_letter
from village_apps.wilayah.models import RT, RW, Dusun


def penduduk_make(*, nama: str = "budi SANTOSO", nik: str | None = None, **extra) -> Penduduk:
    """A living resident in Dusun Mawar, RW 002, RT 001, head of a new family."""
    n = secrets.randbelow(10**8)  # random: transactional tests leave rows behind
    dusun, _ = Dusun.objects.get_or_create(nama="Mawar")
    rw, _ = RW.objects.get_or_create(dusun=dusun, nama="002")
    rt, _ = RT.objects.get_or_create(rw=rw, nama="001")
    keluarga = Keluarga.objects.create(no_kk=f"18010420{n:08d}", wilayah=rt)
    fields = {
        "nik": nik or f"18010441{n:08d}",
        "nama": nama,
        "sex": 1,
        "tempatlahir": "lampung selatan",
        "tanggallahir": dt.date(1990, 5, 17),
        "agama_id": 1,
        "pekerjaan_id": 1,
        "status_kawin": 2,
        "kk_level": 1,
        "alamat": "Jl. Melati No. 5",
        "keluarga": keluarga,
        "wilayah": rt,
        **extra,
    }
    penduduk = Penduduk.objects.create(**fields)
    keluarga.kepala = penduduk
    keluarga.save(update_fields=["kepala"])
    return penduduk_for_letter(pk=penduduk.pk)


def format_editor_data(**changes: str) -> dict[str, str]:
    """A valid POST of the template editor (A4 portrait, one month, no letterhead),
    with ``changes`` applied."""
    return {
        "nama": "Keterangan Uji Editor",
        "slug": "uji-editor",
        "kode_surat": "470",
        "isi": "<p>[NAma]</p>",
        "ukuran": "A4",
        "orientasi": "potret",
        "margin_kiri": "2",
        "margin_atas": "1",
        "margin_kanan": "2",
        "margin_bawah": "1.5",
        "masa_berlaku": "1",
        "satuan_berlaku": "M",
        "kode_isian_json": "",
        "syarat_baris": "",
        **changes,
    }


def pdf_text(content: bytes) -> str:
    """A PDF's text as poppler's ``pdftotext`` reads it (what a reader's viewer shows),
    whitespace collapsed."""
    import subprocess

    out = subprocess.run(  # noqa: S603 - fixed program, bytes on stdin
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607 - poppler-utils on PATH
        input=content,
        capture_output=True,
        check=True,
    )
    return " ".join(out.stdout.decode("utf-8").split())


def pdf_pages(content: bytes) -> int:
    """How many pages a PDF has."""
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def pdf_page_text(content: bytes, page: int) -> str:
    """One page's text as ``pdftotext -raw`` reads it (content order), every whitespace
    removed: an attachment form's boxed characters come out spaced ("B U D I"), and
    ``-raw`` keeps a boxed value's characters together."""
    import re
    import subprocess

    out = subprocess.run(  # noqa: S603 - fixed program, bytes on stdin
        ["pdftotext", "-raw", "-f", str(page), "-l", str(page), "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=content,
        capture_output=True,
        check=True,
    )
    return re.sub(r"\s+", "", out.stdout.decode("utf-8"))


def signer_clear() -> None:
    """A village with no one to sign letters: no head in the profile, no signer in the
    letter settings, no active official allowed to sign."""
    from village_apps.profil.models import Aparatur, ProfilDesa
    from village_apps.surat.models import PengaturanSurat

    ProfilDesa.objects.filter(pk=1).update(nama_kepala_desa="", nip_kepala_desa="")
    PengaturanSurat.objects.update_or_create(pk=1, defaults={"ttd_nama": "", "ttd_nip": ""})
    Aparatur.objects.update(aktif=False)


def format_make(*, nama: str, isi: str, **extra):
    """A letter template written straight to the table (as an old row or the import
    would leave it; the editor's checks are not run), slug from its name."""
    from django.utils.text import slugify

    from village_apps.surat.models import FormatSurat

    return FormatSurat.objects.create(
        nama=nama, slug=slugify(nama), kode_surat=extra.pop("kode_surat", "470"), isi=isi, **extra
    )


def opensid_templates_import():
    """Import OpenSID's 42 templates (``../shared/opensid``); the report."""
    import json

    from tests.support.shared_files import SHARED_DIR
    from village_apps.surat.services import format_surat_import

    path = SHARED_DIR / "opensid" / "template_surat_tinymce.json"
    report = format_surat_import(items=json.loads(path.read_text(encoding="utf-8")))
    assert len(report.created) + len(report.updated) == 42 and not report.errors
    return report

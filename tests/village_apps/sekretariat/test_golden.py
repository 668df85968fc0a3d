"""Golden files of the printed Buku Agenda (letters in and out) and Buku Ekspedisi: the
XLSX header (merged cells and texts) with the rows, and the PDF's text, in the
Permendagri 47/2016 column layout. Regenerate with ``BALAI_GOLDEN_WRITE=1`` and review
the diff."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from balai_kernel.actor import Actor
from tenants.context import village_context
from tests.support.golden import golden_check
from tests.village_apps.sekretariat.test_registers import surat_keluar_make
from tests.village_apps.surat.helpers import pdf_text
from village_apps.buku.registry import Periode, book_get
from village_apps.buku.render import book_pdf, book_xlsx
from village_apps.buku.selectors import buku_rows_list
from village_apps.sekretariat import services

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "golden"
TAHUN = 2032


def _check(name: str, text: str) -> None:
    golden_check(__file__, name, text.rstrip("\n"))


def _xlsx_layout(content: bytes) -> str:
    ws = load_workbook(io.BytesIO(content)).active
    merged = sorted(str(m) for m in ws.merged_cells.ranges if m.min_row > 3)
    lines = [f"merged {' '.join(merged)}"]
    for row in ws.iter_rows(min_row=5, values_only=True):
        lines.append(" | ".join("" if v is None else str(v) for v in row))
    return "\n".join(lines) + "\n"


def _data(village):
    actor = Actor(label="uji")
    services.surat_masuk_create(
        nomor_surat="005/12/Kec/2032", tanggal_surat=dt.date(TAHUN, 3, 1),
        tanggal_diterima=dt.date(TAHUN, 3, 3), pengirim="Camat Natar",
        perihal="Undangan rapat koordinasi", jumlah_lampiran=1, actor=actor,
    )  # fmt: skip
    surat_keluar_make(
        nomor="470/001/2032", tanggal=dt.date(TAHUN, 3, 5), perihal="Keterangan Domisili",
        nama="Siti Aminah",
    )  # fmt: skip
    services.surat_keluar_manual_save(
        nomor_surat="140/002/2032", tanggal_surat=dt.date(TAHUN, 3, 9),
        ditujukan_kepada="Ketua BPD", perihal="Pemberitahuan musdes", actor=actor,
    )  # fmt: skip
    services.ekspedisi_save(
        tanggal_pengiriman=dt.date(TAHUN, 3, 10), nomor_surat="140/002/2032",
        tanggal_surat=dt.date(TAHUN, 3, 9), isi_singkat="Pemberitahuan musdes",
        ditujukan_kepada="Ketua BPD", keterangan="diantar kaur umum", actor=actor,
    )  # fmt: skip


@pytest.mark.parametrize("slug", ["agenda", "ekspedisi"])
def test_book_layout_matches_the_golden_files(village, slug):
    with village_context(village):
        _data(village)
        data = buku_rows_list(book=book_get(slug), periode=Periode(TAHUN, 3))
        xlsx, pdf = book_xlsx(data), book_pdf(data)
    _check(f"{slug}.xlsx.txt", _xlsx_layout(xlsx))
    text = pdf_text(pdf)
    # From the title to the signature block (which prints today's date).
    _check(f"{slug}.pdf.txt", text[text.index("BUKU ") : text.index("MENGETAHUI")] + "\n")
    assert "Halaman 1 dari 1" in text
    assert "KEPALA DESA" in text and "SEKRETARIS DESA" in text

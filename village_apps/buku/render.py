"""The two renderers every book shares: PDF (WeasyPrint through ``balai_kernel.pdf``)
and XLSX (openpyxl), in the regulation's column layout.

Both start from :func:`header_grid`, the nested header as rows of cells with their
spans, so the PDF and the workbook always have the same header; under it both print the
regulation's column-number row (1, 2, 3 …) and then the rows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from balai_kernel.pdf import FONT_URL, pdf_render
from balai_kernel.spreadsheet_export import XML_CONTROL
from village_apps.buku.registry import Book, Column, Periode
from village_apps.buku.rows import cell_text, printed_rows
from village_apps.buku.selectors import BookRows

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NOMOR = Column("nomor", "NOMOR URUT", width=1.0)
BULAN = (
    "", "JANUARI", "FEBRUARI", "MARET", "APRIL", "MEI", "JUNI", "JULI", "AGUSTUS",
    "SEPTEMBER", "OKTOBER", "NOVEMBER", "DESEMBER",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class HeaderCell:
    label: str
    row: int  # 0-based header row
    col: int  # 0-based leaf column
    rowspan: int
    colspan: int


def columns_of(book: Book) -> tuple[Column, ...]:
    """The printed columns: the row number first when the book is numbered."""
    return (NOMOR, *book.columns) if book.numbered else book.columns


def header_grid(columns: Sequence[Column]) -> list[list[HeaderCell]]:
    """The nested header as rows of cells: a group spans its leaves, a leaf spans down
    to the last header row."""
    depth = max((c.depth() for c in columns), default=1)
    grid: list[list[HeaderCell]] = [[] for _ in range(depth)]

    def place(column: Column, row: int, col: int) -> int:
        width = sum(1 for _ in column.leaves())
        rowspan = 1 if column.children else depth - row
        grid[row].append(HeaderCell(str(column.label), row, col, rowspan, width))
        child_col = col
        for child in column.children:
            child_col += place(child, row + 1, child_col)
        return width

    col = 0
    for column in columns:
        col += place(column, 0, col)
    return grid


def periode_label(periode: Periode) -> str:
    """How a period reads on paper (official documents stay Indonesian)."""
    if periode.bulan is None:
        return f"TAHUN {periode.tahun}"
    return f"BULAN {BULAN[periode.bulan]} TAHUN {periode.tahun}"


@dataclass(frozen=True, slots=True)
class Signer:
    jabatan: str
    nama: str
    nip: str = ""


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The village header and the two signers of every book (from the profil app)."""

    pemerintah: str
    kecamatan: str
    desa: str
    tempat: str
    kepala_desa: Signer
    sekretaris: Signer


def letterhead_get() -> Letterhead:
    from village_apps.profil.selectors import aparatur_list, profil_get

    profil = profil_get()
    jenis = (getattr(profil, "jenis", "desa") or "desa").upper()
    desa = getattr(profil, "nama_desa", "") or ""
    kades = Signer(f"KEPALA {jenis}", getattr(profil, "nama_kepala_desa", "") or "")
    sekdes = Signer(f"SEKRETARIS {jenis}", "")
    for aparat in aparatur_list(hanya_aktif=True):
        jabatan = aparat.jabatan.strip().lower()
        if jabatan.startswith(("sekretaris", "sekdes", "carik")) and not sekdes.nama:
            sekdes = Signer(sekdes.jabatan, aparat.nama, aparat.nip)
        elif jabatan.startswith(("kepala desa", "kades", "lurah", "kepala kelurahan")):
            kades = Signer(kades.jabatan, kades.nama or aparat.nama, aparat.nip)
    return Letterhead(
        pemerintah=f"PEMERINTAH {(getattr(profil, 'nama_kabupaten', '') or '').upper()}".strip(),
        kecamatan=f"KECAMATAN {(getattr(profil, 'nama_kecamatan', '') or '').upper()}".strip(),
        desa=f"{jenis} {desa.upper()}".strip(),
        tempat=desa,
        kepala_desa=kades,
        sekretaris=sekdes,
    )


_FONT_FACES = "".join(
    f'@font-face {{ font-family: "Balai Serif";{weight} src: url("{FONT_URL}{name}"); }}\n'
    for weight, name in (("", "DejaVuSerif.ttf"), (" font-weight: bold;", "DejaVuSerif-Bold.ttf"))
)
_PDF_CSS = (
    _FONT_FACES
    + """
@page { size: A4 portrait; margin: 1.5cm 1.2cm 1.6cm 1.2cm;
        @bottom-right { content: "Halaman " counter(page) " dari " counter(pages);
                        font: 7pt "Balai Serif"; } }
@page lanskap { size: A4 landscape; }
body { font: 6.5pt "Balai Serif"; margin: 0; }
.lanskap { page: lanskap; }
.kop { text-align: center; font-weight: bold; line-height: 1.3; }
.judul { text-align: center; font-weight: bold; font-size: 9pt; margin: 8pt 0 2pt; }
.periode { text-align: center; margin-bottom: 6pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
thead { display: table-header-group; }
th, td { border: 0.5pt solid #000; padding: 1.5pt 2pt; vertical-align: top;
         overflow-wrap: anywhere; }
th { text-align: center; vertical-align: middle; font-weight: bold; font-size: 5.5pt;
     overflow-wrap: normal; }
tr.nomor-kolom th { font-weight: normal; font-size: 6pt; }
td.num { text-align: right; }
tr { page-break-inside: avoid; }
tr.jumlah td { font-weight: bold; }
table.rapat { font-size: 5.5pt; }
table.rapat th { font-size: 4.5pt; }
.ttd { width: 100%; margin-top: 14pt; page-break-inside: avoid; }
.ttd td { border: none; text-align: center; width: 50%; }
.ttd .nama { padding-top: 40pt; font-weight: bold; text-decoration: underline; }
.kosong { text-align: center; font-style: italic; }
"""
)


def _cells(book: Book, rows: Sequence[Sequence[Any]]) -> list[list[tuple[str, bool]]]:
    return [
        [(cell_text(v), isinstance(v, (int, Decimal)) and not isinstance(v, bool)) for v in row]
        for row in printed_rows(book, rows)
    ]


def book_context(data: BookRows) -> dict[str, Any]:
    """What the page and the PDF template both need."""
    columns = columns_of(data.book)
    widths = [leaf.width for c in columns for leaf in c.leaves()]
    return {
        # CSS widths of the columns (a style value, not a figure shown to anyone).
        "col_widths": [f"{100 * w / sum(widths):.2f}%" for w in widths],
        "book": data.book,
        "periode": data.periode,
        "periode_label": periode_label(data.periode),
        "header": header_grid(columns),
        "nomor_kolom": range(1, sum(1 for c in columns for _ in c.leaves()) + 1),
        "width": len(widths),
        # Wide books (KTP/KK: 20 columns) print smaller so words fit their cells.
        "rapat": len(widths) > 16,
        "penutupan": data.penutupan,
    }


def book_pdf(data: BookRows) -> bytes:
    """The book as the regulation prints it: village header, title and period, the
    nested header repeated on every page, the rows, numbered pages and the signature
    block of the kepala desa and the sekretaris desa."""
    with translation.override("id"):
        html = render_to_string(
            "buku/cetak.html",
            {
                **book_context(data),
                "rows": _cells(data.book, data.rows),
                "kop": letterhead_get(),
                "tanggal": _tanggal(timezone.localdate()),
            },
        )
    return pdf_render(html, stylesheets=[_PDF_CSS])


def _tanggal(day: date) -> str:
    return f"{day.day} {BULAN[day.month].capitalize()} {day.year}"


def book_xlsx(data: BookRows) -> bytes:
    """The book as a workbook: title rows, the same nested header (merged cells), the
    column-number row, then the rows with their native types (numbers stay numbers)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = data.book
    columns = columns_of(book)
    leaves = [leaf for c in columns for leaf in c.leaves()]
    wb = Workbook()
    ws = wb.active
    ws.title = book.slug[:31]
    kop = letterhead_get()
    ws.append([str(book.title).upper()])
    ws.append([f"{kop.desa} {kop.kecamatan} {kop.pemerintah}".strip()])
    ws.append([periode_label(data.periode)])
    for r in range(1, 4):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(leaves))
        ws.cell(r, 1).font = Font(bold=r == 1)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
    top = 5
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    grid = header_grid(columns)
    for cells in grid:
        for cell in cells:
            r, c = top + cell.row, 1 + cell.col
            ws.cell(r, c, cell.label)
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(
                    start_row=r,
                    start_column=c,
                    end_row=r + cell.rowspan - 1,
                    end_column=c + cell.colspan - 1,
                )
    numbers_row = top + len(grid)
    for i in range(len(leaves)):
        ws.cell(numbers_row, i + 1, i + 1)
    for r in range(top, numbers_row + 1):
        for c in range(1, len(leaves) + 1):
            cell = ws.cell(r, c)
            cell.font = Font(bold=r < numbers_row)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = border
    r = numbers_row
    for row in printed_rows(book, data.rows):
        r += 1
        for c, value in enumerate(row, start=1):
            if isinstance(value, datetime):
                value = (
                    timezone.localtime(value).replace(tzinfo=None)
                    if timezone.is_aware(value)
                    else value
                )
            cell = ws.cell(r, c, XML_CONTROL.sub("", value) if isinstance(value, str) else value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula (balai_kernel.spreadsheet_export)
            if isinstance(value, date):
                cell.number_format = "DD-MM-YYYY"
            cell.border = border
    for i, leaf in enumerate(leaves, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(6, 12 * leaf.width)
    ws.freeze_panes = ws.cell(numbers_row + 1, 1)
    ws.page_setup.orientation = "landscape" if book.landscape else "portrait"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def book_filename(book: Book, periode: Periode, ext: str) -> str:
    return f"{book.slug}_{periode}.{ext}"

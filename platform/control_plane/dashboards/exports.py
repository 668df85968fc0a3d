"""CSV and XLSX of a region's comparison table: exactly the cells the page shows (names
that look like formulas are written as text, see ``balai_kernel.spreadsheet_export``), each row
with the edition of the Kemendagri list its code belongs to."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from balai_kernel.spreadsheet_export import csv_row_safe, xlsx_row_safe
from control_plane.dashboards.selectors import ChildRow, RegionView


def comparison_header() -> list[str]:
    return [
        _("Kode"),
        _("Nama"),
        _("Desa di Balai"),
        _("Desa dalam referensi"),
        _("Penduduk"),
        _("Laki-laki"),
        _("Perempuan"),
        _("Keluarga"),
        _("Surat bulan ini"),
        _("Realisasi belanja APBDes (%)"),
        _("Data tertua"),
        _("Edisi wilayah"),
    ]


def comparison_row(row: ChildRow, edition: str) -> list[object]:
    def cell(value: object) -> object:
        return "" if value is None else value

    return [
        row.code,
        row.name,
        row.on_platform,
        row.in_reference,
        cell(row.penduduk),
        cell(row.laki_laki),
        cell(row.perempuan),
        cell(row.keluarga),
        cell(row.surat),
        cell(row.realisasi_persen),
        row.oldest.isoformat(timespec="seconds") if row.oldest else "",
        edition,
    ]


def comparison_csv(view: RegionView, rows: list[ChildRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(comparison_header())
    for row in rows:
        writer.writerow(csv_row_safe(comparison_row(row, view.edition)))
    return out.getvalue()


def comparison_xlsx(view: RegionView, rows: list[ChildRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = view.code
    sheet.append(comparison_header())
    for row in rows:
        sheet.append(xlsx_row_safe(sheet, comparison_row(row, view.edition)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

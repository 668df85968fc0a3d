"""Shared by the books' tests: residents with dated entries, reading exports back."""

from __future__ import annotations

import io
import secrets
from datetime import date

from tests.support.builders import keluarga_make, wilayah_make


def resident_enter(
    *, nama: str, tanggal: date, kode: int | None = None, dusun: str = "Mawar", **extra
):
    """A resident who entered the population on ``tanggal`` (data awal by default)."""
    from village_apps.penduduk.services import penduduk_create

    keluarga = extra.pop("keluarga", None) or keluarga_make(wilayah=wilayah_make(dusun=dusun))
    data = {
        "nik": f"18010441{secrets.randbelow(10**8):08d}",
        "nama": nama,
        "sex": 1,
        "tempatlahir": "Natar",
        "tanggallahir": date(1990, 5, 17),
        "agama_id": 1,
        "kk_level": 1,
        "keluarga": keluarga,
        **extra,
    }
    return penduduk_create(data=data, kode_peristiwa=kode, tanggal_peristiwa=tanggal).penduduk


def xlsx_header(content: bytes) -> list[list[str]]:
    """The header rows of a book's workbook, one string per header cell:
    ``LABEL`` or ``LABEL [c×r]`` for a merged cell spanning c columns and r rows."""
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(content)).active
    top = 5
    spans = {}
    for rng in ws.merged_cells.ranges:
        if rng.min_row >= top:
            spans[(rng.min_row, rng.min_col)] = (
                rng.max_col - rng.min_col + 1,
                rng.max_row - rng.min_row + 1,
            )
    rows = []
    r = top
    while not isinstance(ws.cell(r, 1).value, int):  # the column-number row ends the header
        cells = []
        for c in range(1, ws.max_column + 1):
            value = ws.cell(r, c).value
            if value is None:
                continue
            span = spans.get((r, c))
            cells.append(f"{value} [{span[0]}×{span[1]}]" if span else str(value))
        rows.append(cells)
        r += 1
    return rows


def xlsx_rows(content: bytes) -> list[list]:
    """The data rows (under the column-number row)."""
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(content)).active
    r = 5
    while not isinstance(ws.cell(r, 1).value, int):
        r += 1
    return [list(row) for row in ws.iter_rows(min_row=r + 1, values_only=True)]

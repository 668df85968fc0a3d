"""Golden column layouts: the nested headers of the Induk Penduduk, Mutasi and
Rekapitulasi books as the workbook merges them and the PDF prints them, compared with
the regulation's tables kept in ``golden/`` (Permendagri 47/2016, B.1–B.3)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.village_apps.buku.helpers import xlsx_header
from tests.village_apps.surat.helpers import pdf_text

GOLDEN = Path(__file__).parent / "golden"
BOOKS = ("induk-penduduk", "mutasi-penduduk", "rekapitulasi-penduduk")


def _labels(header: list[list[str]]) -> list[str]:
    return [cell.split(" [")[0] for row in header for cell in row]


@pytest.mark.parametrize("slug", BOOKS)
def test_column_layout_matches_the_regulation(slug, operator_client):
    query = "tahun=2001&bulan=1"  # a month without data: the header alone
    golden = json.loads((GOLDEN / f"{slug}.json").read_text(encoding="utf-8"))
    xlsx = operator_client.get(f"/kelola/buku/{slug}/unduh.xlsx?{query}").content
    assert xlsx_header(xlsx) == golden["xlsx_header"]
    # The PDF prints the same header cells and the column numbers 1..n (a table's text
    # comes out of the PDF cell by cell, and a long word may wrap inside its cell, so
    # the letters and digits are compared, not their order).
    text = pdf_text(operator_client.get(f"/kelola/buku/{slug}/unduh.pdf?{query}").content)
    header = text.split("BULAN JANUARI TAHUN 2001", 1)[1].split("Tidak ada data", 1)[0]
    width = sum(
        int(c.split("[")[1].split("×")[0]) if "[" in c else 1 for c in golden["xlsx_header"][0]
    )
    expected = [w for label in _labels(golden["xlsx_header"]) for w in label.split()]
    numbers = [str(n) for n in range(1, width + 1)]
    assert Counter("".join(header.split())) == Counter("".join(expected + numbers))

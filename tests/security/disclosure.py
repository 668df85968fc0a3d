"""Residents with small counts in ordinary and special categories, an exact solver of
what a reader can work out from published cells, and a scanner that reads every count
cell out of a public response (HTML with its SVG charts, JSON, CSV, XLSX) for the
disclosure tests.

The scanner is deny-by-default: in HTML every text node that is a bare whole number
(optionally with a unit word, or as a chart bar's "label: n" title) is a count cell
unless an ancestor element says otherwise with ``data-disclosure-exempt`` (coverage,
percentages, years: not counts of people). In JSON every integer value is a count cell
unless its key is in ``JSON_NOT_COUNTS``; in CSV/XLSX every integer cell unless its
column header is in ``TABLE_NOT_COUNTS``. A new page or field that shows counts is
therefore checked without anyone listing it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from html.parser import HTMLParser

from django.db import connection

from tenants.context import village_context

# Keys of JSON records that are not counts of people (and why).
JSON_NOT_COUNTS = {
    "desa_di_balai": "villages on the platform (coverage)",
    "desa_referensi": "villages in the reference list",
    "realisasi_belanja_persen": "a percentage of money",
    "maxLength": "OpenAPI schema",
    "minLength": "OpenAPI schema",
    "minimum": "OpenAPI schema",
    "maximum": "OpenAPI schema",
}
# Column headers of CSV/XLSX downloads that are not counts of people.
TABLE_NOT_COUNTS = {
    "kode",
    "kode_wilayah",
    "desa_di_balai",
    "desa_referensi",
    "realisasi_belanja_persen",
    "Kode",
    "Desa di Balai",
    "Desa dalam referensi",
    "Realisasi belanja APBDes (%)",
}


@dataclass(frozen=True)
class Warga:
    """``n`` residents with these attributes (codes of ``village_apps.referensi``)."""

    n: int
    sex: int
    agama: int = 1
    pekerjaan: int = 9  # PETANI/PEKEBUN
    kawin: int = 2  # KAWIN
    sakit: int = 14  # TIDAK ADA/TIDAK SAKIT
    cacat: int = 7  # TIDAK CACAT
    kb: int | None = None
    hamil: int | None = None
    darah: int = 13  # TIDAK TAHU
    asuransi: int = 1  # TIDAK/BELUM PUNYA


# Hajimena: 31 men, 29 women. Small cells (1–4) in ordinary categories and in every
# special one; the labels in SMALL_LABELS and SENSITIVE_LABELS are what a leak shows.
HAJIMENA = [
    Warga(20, 1),
    Warga(3, 1, agama=6, pekerjaan=1),  # KHONGHUCU men, 3
    Warga(6, 1, agama=2, kawin=1, pekerjaan=1),
    Warga(1, 1, sakit=10, pekerjaan=1),  # HIV/AIDS, 1
    Warga(1, 1, cacat=2, darah=10, pekerjaan=1),  # CACAT NETRA/BUTA 1, AB- 1
    Warga(16, 2, kb=1, hamil=2),
    Warga(2, 2, pekerjaan=11, kb=2, hamil=2, asuransi=2),  # NELAYAN women 2, IUD 2, BPJS PBI 2
    Warga(1, 2, kawin=4, cacat=2, kb=1, hamil=1),  # CERAI MATI 1, CACAT NETRA 1, HAMIL 1
    Warga(10, 2, agama=2, kawin=1, kb=3, hamil=2),
]
# Sidosari: larger and plain, so region totals differ from Hajimena's.
SIDOSARI = [Warga(40, 1), Warga(37, 2, kb=1, hamil=2), Warga(9, 1, agama=2, pekerjaan=8)]

# The special categories (health, disability, pregnancy, contraception), stated here
# independently of the policy module under test.
SPECIAL_CATEGORIES = {
    "sakit-menahun",
    "golongan-darah",
    "asuransi",
    "disabilitas",
    "kehamilan",
    "akseptor-kb",
}
SMALL_LABELS = {"KHONGHUCU", "NELAYAN/PERIKANAN", "CERAI MATI"}
SENSITIVE_LABELS = {
    "HIV/AIDS",
    "CACAT NETRA/BUTA",
    "IUD",
    "HAMIL",
    "AB-",
    "BPJS PENERIMA BANTUAN IURAN",
    "Sakit menahun",
    "Penyandang disabilitas",
    "Akseptor KB",
    "Status kehamilan",
    "Golongan darah",
    "Asuransi kesehatan",
}


def warga_create(village, spec: list[Warga], *, prefix: str) -> None:
    from village_apps.penduduk.models import Penduduk

    rows, i = [], 0
    with village_context(village):
        for w in spec:
            for _ in range(w.n):
                i += 1
                rows.append(
                    Penduduk(
                        nik=f"{prefix}{i:06d}",
                        nama=f"Warga Rahasia {i}",
                        sex=w.sex,
                        tanggallahir=date(1980 + i % 30, 1 + i % 12, 1 + i % 27),
                        agama_id=w.agama,
                        pekerjaan_id=w.pekerjaan,
                        status_kawin=w.kawin,
                        sakit_menahun_id=w.sakit,
                        cacat_id=w.cacat,
                        cara_kb_id=w.kb,
                        hamil=w.hamil,
                        golongan_darah_id=w.darah,
                        id_asuransi=w.asuransi,
                    )
                )
        Penduduk.objects.bulk_create(rows)
    connection.set_schema_to_public()


def publish(*villages) -> None:
    """Publish the villages' snapshots and run the province's suppression pass, as the
    worker does after a change."""
    from control_plane.dashboards.services import snapshot_publish, suppression_refresh

    for v in villages:
        snapshot_publish(village_id=v.pk)
    suppression_refresh(provinsi_code="18")


# --- Exact elimination (what a reader can work out) ----------------------------------


def determined(problem, hidden, known=frozenset()):
    """Hidden cells whose value follows from the constraints, the published cells and
    the cells in ``known``.

    Dense Gauss-Jordan over ``Fraction``s: a cell is determined iff its unit vector
    reduces to zero against the row space (zero entries are skipped, nothing else).
    Only true equations count: a constraint the values do not satisfy helps no one."""
    columns = sorted(set(hidden) - set(known), key=str)
    index = {c: i for i, c in enumerate(columns)}
    values = problem.values
    matrix = []
    for constraint in problem.constraints:
        if constraint.total not in values:
            continue
        if values[constraint.total] != sum(values[p] for p in constraint.parts if p in values):
            continue
        row = [Fraction(0)] * len(columns)
        for cell, sign in [(constraint.total, 1)] + [(p, -1) for p in constraint.parts]:
            if cell in index:
                row[index[cell]] += sign
        if any(row):
            matrix.append(row)
    pivots = []  # (column, row) in reduced row echelon form
    for row in matrix:
        for col, prow in pivots:
            if row[col]:
                factor = row[col]
                row = [a - factor * b if b else a for a, b in zip(row, prow, strict=True)]
        lead = next((i for i, a in enumerate(row) if a), None)
        if lead is None:
            continue
        row = [a / row[lead] if a else a for a in row]
        pivots = [
            (
                c,
                [a - r[lead] * b if b else a for a, b in zip(r, row, strict=True)]
                if r[lead]
                else r,
            )
            for c, r in pivots
        ]
        pivots.append((lead, row))
    found = []
    for cell in columns:
        vector = [Fraction(0)] * len(columns)
        vector[index[cell]] = Fraction(1)
        for col, prow in pivots:
            if vector[col]:
                factor = vector[col]
                vector = [a - factor * b if b else a for a, b in zip(vector, prow, strict=True)]
        if not any(vector):
            found.append(cell)
    return found


def insider_knowledge(problem, hidden, group):
    """The group's cells and every total that follows from them and published zeros
    alone (counting only the group's own people): what the insider may learn."""
    known = set(group)
    changed = True
    while changed:
        changed = False
        for c in problem.constraints:
            if c.total not in problem.values or c.total in known:
                continue
            others = [
                p
                for p in c.parts
                if p in problem.values and p not in known and (p in hidden or problem.values[p])
            ]
            if not others:
                known.add(c.total)
                changed = True
    return known


# --- Scanning ---------------------------------------------------------------------------

_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{3})*|\d+)(?:\s+[A-Za-z/]+)?$")
_TITLE_NUMBER = re.compile(r":\s*(\d{1,3}(?:\.\d{3})*|\d+)$")


def _int(text: str) -> int:
    return int(text.replace(".", ""))


class _Cells(HTMLParser):
    """Text nodes with whether an ancestor is exempt, plus every text node as is."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "rect", "path", "line"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.numbers: list[tuple[int, str]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        exempt = any(k == "data-disclosure-exempt" for k, _v in attrs) or tag in (
            "script",
            "style",
            "option",
            "textarea",
        )
        if tag in self.VOID:
            return
        self.stack.append((tag, exempt or (self.stack[-1][1] if self.stack else False)))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        text = data.strip()
        if not text:
            return
        self.texts.append(text)
        if self.stack and self.stack[-1][1]:
            return
        tag = self.stack[-1][0] if self.stack else ""
        match = _NUMBER.match(text) or (tag == "title" and _TITLE_NUMBER.search(text))
        if match:
            self.numbers.append((_int(match.group(1)), text))


def _json_values(data, key: str = "") -> Iterator[tuple[str, object]]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _json_values(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from _json_values(v, key)
    else:
        yield key, data


def _json_records(data) -> Iterator[dict]:
    if isinstance(data, dict):
        yield data
        for v in data.values():
            yield from _json_records(v)
    elif isinstance(data, list):
        for v in data:
            yield from _json_records(v)


def _table_cells(rows: list[list[object]]) -> Iterator[tuple[str, object]]:
    if not rows:
        return
    header = [str(h) for h in rows[0]]
    for row in rows[1:]:
        yield from zip(header, row, strict=False)


@dataclass
class Scan:
    """What one response publishes: its count cells and its texts."""

    counts: list[tuple[int, str]]
    # Text nodes of a page or cells of a table (not JSON strings: JSON is read as records).
    texts: set[str]
    records: list[dict]

    def small(self) -> list[tuple[int, str]]:
        return [(n, where) for n, where in self.counts if 1 <= n <= 4]


def scan(response) -> Scan:
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "html" in kind:
        parser = _Cells()
        parser.feed(body.decode())
        return Scan(parser.numbers, set(parser.texts), [])
    if "json" in kind:
        data = json.loads(body)
        counts = [
            (v, f"{k}={v}")
            for k, v in _json_values(data)
            if isinstance(v, int) and not isinstance(v, bool) and k not in JSON_NOT_COUNTS
        ]
        return Scan(counts, set(), list(_json_records(data)))
    if "csv" in kind:
        rows = list(csv.reader(io.StringIO(body.decode())))
    elif "spreadsheetml" in kind:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    else:
        return Scan([], set(), [])
    counts = []
    for name, value in _table_cells(rows):
        if name in TABLE_NOT_COUNTS:
            continue
        text = str(value) if value is not None else ""
        if re.fullmatch(r"\d+", text):
            counts.append((int(text), f"{name}={text}"))
    texts = {str(v) for row in rows for v in row if v is not None}
    return Scan(counts, texts, [])

"""The printed registers: Buku Agenda and Buku Ekspedisi in the column layout of
Permendagri 47/2016 (Lampiran, Buku Administrasi Umum), as XLSX and as a landscape PDF
with the village header, numbered pages and the signature block of the kepala desa and
the sekretaris desa.

A book is plain data (:class:`Buku`: its columns, grouped under a shared heading where
the regulation groups them, and a function giving its rows for a period and a search),
so the page, the spreadsheet and the PDF print the same columns from one definition.
Official documents stay Indonesian in either interface language.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.html import escape

from balai_kernel.pdf import FONT_URL, pdf_render
from balai_kernel.spreadsheet_export import XML_CONTROL
from village_apps.profil.selectors import aparatur_list, profil_get
from village_apps.sekretariat import selectors
from village_apps.sekretariat.selectors import BULAN, Periode, tanggal_teks


@dataclass(frozen=True, slots=True)
class Kolom:
    """One printed column: its heading, the group heading above it (``""``: the column
    spans both heading rows) and its width (XLSX characters; the PDF's share)."""

    judul: str
    grup: str = ""
    lebar: int = 14


@dataclass(frozen=True, slots=True)
class Buku:
    slug: str
    judul: str
    kolom: tuple[Kolom, ...]
    # (periode, search) → rows of cell texts, in print order, without the row number.
    baris: Callable[[Periode, str], Iterable[Sequence[Any]]]


def _agenda_rows(periode: Periode, q: str) -> Iterable[Sequence[Any]]:
    for r in selectors.agenda_list(periode=periode, q=q).iterator(chunk_size=500):
        yield (
            tanggal_teks(r["a_tanggal"]),
            r["a_masuk_nomor"], tanggal_teks(r["a_masuk_tanggal"]), r["a_pengirim"],
            r["a_masuk_isi"],
            r["a_keluar_nomor"], tanggal_teks(r["a_keluar_tanggal"]), r["a_tujuan"],
            r["a_keluar_isi"],
            r["a_keterangan"],
        )  # fmt: skip


def _ekspedisi_rows(periode: Periode, q: str) -> Iterable[Sequence[Any]]:
    for e in selectors.ekspedisi_list(periode=periode, q=q).iterator(chunk_size=500):
        yield (
            tanggal_teks(e.tanggal_pengiriman),
            f"{tanggal_teks(e.tanggal_surat)} / {e.nomor_surat}",
            e.isi_singkat,
            e.ditujukan_kepada,
            e.keterangan,
            "",  # the recipient signs here on paper
        )


AGENDA = Buku(
    slug="agenda",
    judul="BUKU AGENDA",
    kolom=(
        Kolom("TANGGAL PENERIMAAN / PENGIRIMAN SURAT", lebar=14),
        Kolom("NOMOR", "SURAT MASUK", 16),
        Kolom("TANGGAL", "SURAT MASUK", 11),
        Kolom("PENGIRIM", "SURAT MASUK", 18),
        Kolom("ISI SINGKAT", "SURAT MASUK", 24),
        Kolom("NOMOR", "SURAT KELUAR", 16),
        Kolom("TANGGAL", "SURAT KELUAR", 11),
        Kolom("DITUJUKAN KEPADA", "SURAT KELUAR", 18),
        Kolom("ISI SINGKAT", "SURAT KELUAR", 24),
        Kolom("KETERANGAN", lebar=16),
    ),
    baris=_agenda_rows,
)
EKSPEDISI = Buku(
    slug="ekspedisi",
    judul="BUKU EKSPEDISI",
    kolom=(
        Kolom("TANGGAL PENGIRIMAN", lebar=14),
        Kolom("TANGGAL DAN NOMOR SURAT", lebar=26),
        Kolom("ISI SINGKAT SURAT YANG DIKIRIM", lebar=36),
        Kolom("DITUJUKAN KEPADA", lebar=24),
        Kolom("KETERANGAN", lebar=18),
        Kolom("TANDA TERIMA", lebar=16),
    ),
    baris=_ekspedisi_rows,
)
BUKU = {b.slug: b for b in (AGENDA, EKSPEDISI)}
NOMOR_URUT = Kolom("NOMOR URUT", lebar=8)


@dataclass(frozen=True, slots=True)
class Identitas:
    """What the header and the signature block print."""

    baris_kop: tuple[str, ...]
    nama_desa: str
    sebutan_desa: str
    kepala_jabatan: str
    kepala_nama: str
    sekretaris_jabatan: str
    sekretaris_nama: str


def identitas_get() -> Identitas:
    """The village's identity and signers from its profile: the head from the profile
    (else an active official whose office is the head's), the secretary from the
    active officials."""
    profil = profil_get()
    jenis = getattr(profil, "jenis", "desa")
    sebutan = "Kelurahan" if jenis == "kelurahan" else "Desa"
    kepala = "Lurah" if jenis == "kelurahan" else "Kepala Desa"
    sekretaris = "Sekretaris Kelurahan" if jenis == "kelurahan" else "Sekretaris Desa"
    aktif = list(aparatur_list(hanya_aktif=True).order_by("urutan", "pk"))

    def pejabat(*nama: str) -> str:
        for a in aktif:
            if a.jabatan.strip().lower() in nama:
                return a.nama
        return ""

    kepala_nama = (profil.nama_kepala_desa.strip() if profil else "") or pejabat(
        "kepala desa", "kades", "lurah"
    )
    kabupaten = (profil.nama_kabupaten if profil else "") or ""
    if kabupaten and not kabupaten.lower().startswith(("kota", "kabupaten")):
        kabupaten = f"Kabupaten {kabupaten}"
    baris = (
        f"PEMERINTAH {kabupaten}".upper() if kabupaten else "",
        f"KECAMATAN {profil.nama_kecamatan}".upper() if profil and profil.nama_kecamatan else "",
        f"{sebutan} {profil.nama_desa}".upper() if profil else sebutan.upper(),
    )
    return Identitas(
        baris_kop=tuple(b for b in baris if b),
        nama_desa=profil.nama_desa if profil else "",
        sebutan_desa=sebutan,
        kepala_jabatan=kepala,
        kepala_nama=kepala_nama,
        sekretaris_jabatan=sekretaris,
        sekretaris_nama=pejabat("sekretaris desa", "sekdes", "sekretaris kelurahan"),
    )


def _rows(buku: Buku, periode: Periode, q: str) -> Iterable[list[Any]]:
    for n, row in enumerate(buku.baris(periode, q), start=1):
        yield [n, *row]


def _put(ws: Any, row: int, column: int, nilai: Any) -> Any:
    """Write one cell: text stays text (a leading ``=`` is no formula) and loses the
    control characters XML can not hold (``balai_kernel.spreadsheet_export``'s rule, for
    a workbook that merges cells and so is not write-only)."""
    sel = ws.cell(row=row, column=column)
    if isinstance(nilai, str):
        sel.value = XML_CONTROL.sub("", nilai)
        sel.data_type = "s"
    else:
        sel.value = nilai
    return sel


def _tanggal_panjang(nilai: date) -> str:
    return f"{nilai.day} {BULAN[nilai.month - 1]} {nilai.year}"


# --- XLSX ------------------------------------------------------------------------------


def buku_xlsx(buku: Buku, *, periode: Periode, q: str = "", identitas: Identitas) -> bytes:
    """The book as a workbook: header lines, title and period, the two heading rows
    (groups merged over their columns, single columns merged down), the column-number
    row, then one row per entry numbered from 1."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    kolom = (NOMOR_URUT, *buku.kolom)
    n = len(kolom)
    wb = Workbook()
    ws = wb.active
    ws.title = buku.judul.title()[:31]
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    tengah = Alignment(horizontal="center", vertical="center", wrap_text=True)
    garis = Side(style="thin")
    kotak = Border(left=garis, right=garis, top=garis, bottom=garis)
    baris = 1
    for teks in (*identitas.baris_kop, buku.judul, f"PERIODE {periode.label.upper()}"):
        sel = _put(ws, baris, 1, teks)
        sel.font, sel.alignment = Font(bold=True), tengah
        ws.merge_cells(start_row=baris, start_column=1, end_row=baris, end_column=n)
        baris += 1
    baris += 1
    atas, bawah = baris, baris + 1
    c = 1
    while c <= n:
        k = kolom[c - 1]
        if not k.grup:
            ws.cell(row=atas, column=c, value=k.judul)
            ws.merge_cells(start_row=atas, start_column=c, end_row=bawah, end_column=c)
            c += 1
            continue
        akhir = c
        while akhir < n and kolom[akhir].grup == k.grup:
            akhir += 1
        ws.cell(row=atas, column=c, value=k.grup)
        ws.merge_cells(start_row=atas, start_column=c, end_row=atas, end_column=akhir)
        for j in range(c, akhir + 1):
            ws.cell(row=bawah, column=j, value=kolom[j - 1].judul)
        c = akhir + 1
    for j in range(1, n + 1):
        ws.cell(row=bawah + 1, column=j, value=j)
        ws.column_dimensions[get_column_letter(j)].width = kolom[j - 1].lebar
        for r in (atas, bawah, bawah + 1):
            sel = ws.cell(row=r, column=j)
            sel.font, sel.alignment, sel.border = Font(bold=True), tengah, kotak
    baris = bawah + 2
    ws.freeze_panes = ws.cell(row=baris, column=1)
    for row in _rows(buku, periode, q):
        for j, nilai in enumerate(row, start=1):
            sel = _put(ws, baris, j, nilai)
            sel.border = kotak
            sel.alignment = Alignment(vertical="top", wrap_text=True)
        baris += 1
    baris += 1
    for kiri, kanan in _ttd_lines(identitas):
        _put(ws, baris, 2, kiri)
        _put(ws, baris, max(n - 2, 3), kanan)
        baris += 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _ttd_lines(identitas: Identitas) -> list[tuple[str, str]]:
    hari_ini = _tanggal_panjang(timezone.localdate())
    kepala = identitas.kepala_nama or "(" + "." * 30 + ")"
    sekretaris = identitas.sekretaris_nama or "(" + "." * 30 + ")"
    return [
        ("Mengetahui,", f"{identitas.nama_desa}, {hari_ini}".lstrip(", ")),
        (identitas.kepala_jabatan.upper(), identitas.sekretaris_jabatan.upper()),
        ("", ""),
        ("", ""),
        ("", ""),
        (kepala, sekretaris),
    ]


# --- PDF -------------------------------------------------------------------------------

PDF_CSS = f"""
@font-face {{ font-family: "Balai Serif"; src: url("{FONT_URL}DejaVuSerif.ttf"); }}
@font-face {{ font-family: "Balai Serif"; font-weight: bold;
             src: url("{FONT_URL}DejaVuSerif-Bold.ttf"); }}
@page {{ size: 330mm 215mm; margin: 12mm 10mm 14mm 10mm;
        @bottom-right {{ content: "Halaman " counter(page) " dari " counter(pages);
                         font: 7pt "Balai Serif"; }} }}
body {{ font: 7.5pt/1.25 "Balai Serif"; margin: 0; }}
.kop {{ text-align: center; font-weight: bold; font-size: 10pt; }}
.kop div:last-child {{ font-size: 11pt; }}
h1 {{ text-align: center; font-size: 11pt; margin: 8pt 0 0; }}
.periode {{ text-align: center; margin: 0 0 6pt; }}
table.buku {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
table.buku th, table.buku td {{ border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: top;
                               overflow-wrap: anywhere; }}
table.buku th {{ text-align: center; vertical-align: middle; font-weight: bold; }}
table.buku thead tr.nomor th {{ font-weight: normal; }}
table.buku td.n {{ text-align: center; }}
table.buku td.ttd {{ height: 18pt; }}
table.ttd {{ width: 100%; margin-top: 12pt; page-break-inside: avoid; }}
table.ttd td {{ width: 50%; text-align: center; vertical-align: top; }}
.nama {{ font-weight: bold; text-decoration: underline; padding-top: 36pt; }}
"""


def _thead(kolom: Sequence[Kolom]) -> str:
    atas, bawah = [], []
    c = 0
    while c < len(kolom):
        k = kolom[c]
        if not k.grup:
            atas.append(f'<th rowspan="2">{escape(k.judul)}</th>')
            c += 1
            continue
        akhir = c
        while akhir + 1 < len(kolom) and kolom[akhir + 1].grup == k.grup:
            akhir += 1
        atas.append(f'<th colspan="{akhir - c + 1}">{escape(k.grup)}</th>')
        bawah += [f"<th>{escape(kolom[j].judul)}</th>" for j in range(c, akhir + 1)]
        c = akhir + 1
    nomor = "".join(f"<th>{j}</th>" for j in range(1, len(kolom) + 1))
    return (
        f"<thead><tr>{''.join(atas)}</tr><tr>{''.join(bawah)}</tr>"
        f'<tr class="nomor">{nomor}</tr></thead>'
    )


def buku_pdf(buku: Buku, *, periode: Periode, q: str = "", identitas: Identitas) -> bytes:
    """The book as a landscape F4 PDF through ``balai_kernel.pdf`` (the one safe
    renderer): heading rows repeat on every page, pages are numbered "Halaman n dari m"."""
    kolom = (NOMOR_URUT, *buku.kolom)
    total = sum(k.lebar for k in kolom)
    cols = "".join(f'<col style="width:{100 * k.lebar / total:.2f}%">' for k in kolom)
    ttd_col = len(kolom) - 1 if buku is EKSPEDISI else -1
    body = []
    for row in _rows(buku, periode, q):
        cells = []
        for j, nilai in enumerate(row):
            cls = ' class="n"' if j == 0 else (' class="ttd"' if j == ttd_col else "")
            cells.append(f"<td{cls}>{escape(nilai)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(kolom)}" class="n">Tidak ada entri.</td></tr>')
    kop = "".join(f"<div>{escape(b)}</div>" for b in identitas.baris_kop)
    ttd = _ttd_lines(identitas)
    kiri = "<br>".join(escape(a) for a, _b in ttd[:2])
    kanan = "<br>".join(escape(b) for _a, b in ttd[:2])
    html = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{escape(buku.judul)}</title></head><body>"
        f'<div class="kop">{kop}</div><h1>{escape(buku.judul)}</h1>'
        f'<p class="periode">PERIODE {escape(periode.label.upper())}</p>'
        f'<table class="buku"><colgroup>{cols}</colgroup>{_thead(kolom)}'
        f"<tbody>{''.join(body)}</tbody></table>"
        f'<table class="ttd"><tr><td>{kiri}<div class="nama">{escape(ttd[-1][0])}</div></td>'
        f'<td>{kanan}<div class="nama">{escape(ttd[-1][1])}</div></td></tr></table>'
        "</body></html>"
    )
    return pdf_render(html, stylesheets=[PDF_CSS])

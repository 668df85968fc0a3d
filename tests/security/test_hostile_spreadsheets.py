"""Hostile spreadsheets through every Excel import (issue 11, "Bad input"; acceptance 4:
no 500 from any hostile input).

Each import — residents (OpenSID workbook), APBDes, aid programme participants — gets
the same hostile files through its real back-office view: not a ZIP, text named .xlsx,
a truncated workbook, a ZIP bomb (300 MB sheet), a bomb that lies about its size, a
shared string referred to by thousands of cells, an XML DTD, a cell at XFD1048576 (one
such cell aborts calamine with a 550 GB allocation), 100,000 rows, a 1 MB cell. Each
must end in a clear 4xx in Indonesian with nothing written. Row-level trouble (wrong
types, "NaN", "inf", 1 MB cells, NUL, formulas) ends in a per-row report. Exports
write text that looks like a formula as text.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import random
import string
import tracemalloc
import zipfile

import pytest
from django.db import connection
from openpyxl import Workbook, load_workbook

from balai_kernel.spreadsheet_export import csv_safe
from balai_kernel.spreadsheet_guard import SpreadsheetRejected, xlsx_check
from tenants.context import village_context
from tests.security import berkas as b
from tests.village_apps.penduduk.generate import baris_penduduk
from village_apps.keuangan.services import KOLOM_IMPOR
from village_apps.penduduk.excel import KOLOM, SHEET

pytestmark = pytest.mark.security

MB = 1024 * 1024
H_PENDUDUK = ["nama", "nik", "no_kk", "sex", "agama_id"]
TABEL = (
    "penduduk_penduduk", "keluarga_keluarga", "wilayah_dusun", "wilayah_rw", "wilayah_rt",
    "peristiwa_logpenduduk", "penduduk_imporpenduduk", "keuangan_apbdes",
    "keuangan_barisapbdes", "bantuan_program", "bantuan_peserta",
)  # fmt: skip


# --- hostile files (built once per process) ------------------------------------------


def _ubah_lembar(data: bytes, fungsi) -> bytes:
    """The same workbook with its first sheet's XML changed by ``fungsi``."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        bagian = {n: zf.read(n) for n in zf.namelist()}
    bagian["xl/worksheets/sheet1.xml"] = fungsi(bagian["xl/worksheets/sheet1.xml"])
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as zf:
        for nama, isi in bagian.items():
            zf.writestr(nama, isi)
    return keluar.getvalue()


def _tambah_baris(xml: bytes) -> bytes:
    return xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    )


@functools.cache
def berkas_jahat(jenis: str, lembar: str, judul: tuple[str, ...]) -> bytes:
    if jenis in ("bom", "bom_bohong", "string_bersama") and lembar != SHEET:
        return berkas_jahat(jenis, SHEET, tuple(H_PENDUDUK))  # slow to build: one for all
    judul = list(judul)
    kecil = b.xlsx({lembar: [judul, ["x"] * len(judul)]})
    if jenis == "bukan_zip":
        return os.urandom(4096)
    if jenis == "teks":
        return ",".join(judul).encode() + b"\nBudi,1,2\n"
    if jenis == "terpotong":
        besar = b.xlsx({lembar: [judul, *([f"Warga {i}"] * len(judul) for i in range(3000))]})
        return besar[: len(besar) // 2]
    if jenis == "bom":
        return b.bom_zip(lembar, judul, mb=300)
    if jenis == "bom_bohong":
        isi = b.xlsx({lembar: [judul, *([f"Warga {i}"] * len(judul) for i in range(30_000))]})
        return b.bohongi_ukuran(isi, "xl/worksheets/sheet1.xml", 4096)
    if jenis == "string_bersama":  # 5,000 cells × one 200 KB shared string = 1 GB parsed
        return b.bom_string_bersama(lembar, judul, panjang=200_000, sel=5000)
    if jenis == "sel_1mb_bersama":
        return b.bom_string_bersama(lembar, judul, panjang=MB, sel=3, acak=True)
    if jenis == "dtd":
        return _ubah_lembar(
            kecil,
            lambda x: x.replace(
                b"<worksheet",
                b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;">]><worksheet',
            ),
        )
    if jenis == "sel_jauh":
        return _ubah_lembar(kecil, _tambah_baris)
    if jenis == "kolom_jauh":
        return _ubah_lembar(
            kecil,
            lambda x: x.replace(
                b"</sheetData>", b'<row r="3"><c r="ZZ3"><v>1</v></c></row></sheetData>'
            ),
        )
    raise AssertionError(jenis)


JENIS = {
    "bukan_zip": "bukan Excel",
    "teks": "bukan Excel",
    "terpotong": "bukan Excel",
    "bom": "kemungkinan bom ZIP",
    "bom_bohong": "lebih besar daripada yang tercatat",
    "string_bersama": "terlalu besar setelah dibuka",
    "sel_1mb_bersama": "terlalu panjang",
    "dtd": "definisi XML",
    "sel_jauh": "sampai baris 1.048.576",
    "kolom_jauh": "di kolom ZZ",
}


# --- helpers ----------------------------------------------------------------------------


def _jumlah(village) -> dict[str, int]:
    with village_context(village), connection.cursor() as cur:
        hasil = {}
        for tabel in TABEL:
            cur.execute(f"SELECT count(*) FROM {tabel}")  # noqa: S608 - fixed names
            hasil[tabel] = cur.fetchone()[0]
        return hasil


def _unggah(client, url: str, data: bytes, nama: str, **lain):
    berkas = io.BytesIO(data)
    berkas.name = nama
    return client.post(url, {"berkas": berkas, **lain})


# --- the guard itself: quick, small, and it tells the truth ----------------------------


@pytest.mark.parametrize("jenis", JENIS)
def test_guard_refuses_in_little_memory(jenis):
    data = berkas_jahat(jenis, SHEET, tuple(H_PENDUDUK))
    tracemalloc.start()
    try:
        with pytest.raises(SpreadsheetRejected, match=JENIS[jenis]):
            xlsx_check(io.BytesIO(data), maks_bytes=150 * MB, maks_baris=50_000)
        _now, puncak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert puncak < len(data) + 12 * MB, puncak  # pieces of 1 MB, never the whole sheet


def test_declared_size_over_the_budget_is_refused_before_decompressing():
    data = b.xlsx_aliran({SHEET: (H_PENDUDUK, ["Warga %d", "%016d", "%016d", "1", "1"], 100_000)})
    with pytest.raises(SpreadsheetRejected, match="terlalu besar setelah dibuka"):
        xlsx_check(io.BytesIO(data), maks_bytes=5 * MB, maks_baris=200_000)


@pytest.mark.parametrize(
    "sel",
    [
        b'<c r="A50002"><v>1</v></c>',  # one row too many
        b'<c s="3" r="B900000"><v>1</v></c>',  # address not the first attribute
        b'<c r="xfd3"><v>1</v></c>',  # lower case
        b'<x:c r="A900000"><v>1</v></x:c>',  # namespace prefix
        b'<c r="EA3"><v>1</v></c>',  # column 131
        b'<c r="DA99999999"><v>1</v></c>',  # allowed column, far row
    ],
)
def test_guard_finds_far_cells_however_they_are_written(sel):
    data = _ubah_lembar(
        b.xlsx({SHEET: [H_PENDUDUK]}),
        lambda x: x.replace(b"</sheetData>", b'<row r="3">' + sel + b"</row></sheetData>"),
    )
    with pytest.raises(SpreadsheetRejected, match="baris|kolom"):
        xlsx_check(io.BytesIO(data), maks_bytes=150 * MB, maks_baris=50_000)


def test_guard_refuses_cells_without_address():
    data = _ubah_lembar(
        b.xlsx({SHEET: [H_PENDUDUK]}),
        lambda x: x.replace(b"</sheetData>", b"<row><c><v>1</v></c></row></sheetData>"),
    )
    with pytest.raises(SpreadsheetRejected, match="tanpa alamat"):
        xlsx_check(io.BytesIO(data), maks_bytes=150 * MB, maks_baris=50_000)


def test_guard_accepts_real_workbooks_and_exactly_the_row_limit():
    from tests.support.shared_files import SHARED_DIR

    for nama in ("FormatImporExcel.xlsm", "format_impor_program_bantuan.xlsx"):
        path = SHARED_DIR / "opensid" / nama
        if path.exists():
            xlsx_check(str(path), maks_bytes=20 * MB, maks_baris=5000)
    pas = b.xlsx_aliran({SHEET: (H_PENDUDUK, ["Warga %d", "%016d", "%016d", "1", "1"], 50_000)})
    xlsx_check(io.BytesIO(pas), maks_bytes=150 * MB, maks_baris=50_000)
    # Many shared strings, each referred to once: counted exactly, not refused.
    banyak = b.xlsx(
        {SHEET: [H_PENDUDUK, *([f"Nama panjang {i} " * 20] * 5 for i in range(3000))]}, shared=True
    )
    xlsx_check(io.BytesIO(banyak), maks_bytes=20 * MB, maks_baris=50_000)


# --- through the real views -----------------------------------------------------------

IMPOR = {
    # name → (url, sheet, heading, file name, extra form data)
    "penduduk": ("/kelola/penduduk/impor/", SHEET, tuple(H_PENDUDUK), "data.xlsx", {}),
    "keuangan": ("/keuangan/kelola/impor/", "APBDes", tuple(KOLOM_IMPOR), "apbdes.xlsx", {"tahun": 2025}),
    "bantuan": ("/bantuan/kelola/impor/", "Peserta", ("NIK", "No", "NIK kartu"), "bantuan.xlsx", {}),
}  # fmt: skip


@pytest.mark.parametrize("impor", IMPOR)
@pytest.mark.parametrize("jenis", JENIS)
def test_hostile_file_gets_a_clear_4xx_and_writes_nothing(impor, jenis, village, operator_client):
    url, lembar, judul, nama, lain = IMPOR[impor]
    sebelum = _jumlah(village)
    response = _unggah(operator_client, url, berkas_jahat(jenis, lembar, judul), nama, **lain)
    assert response.status_code == 400, response.status_code
    assert JENIS[jenis] in response.content.decode()
    assert _jumlah(village) == sebelum


@pytest.mark.parametrize(
    ("impor", "maks", "lembar"),
    [
        ("penduduk", "50.000", {SHEET: (H_PENDUDUK, ["Warga %d", "%016d", "%016d", "1", "1"], 100_000)}),
        ("keuangan", "5.000", {"APBDes": (KOLOM_IMPOR, ["Belanja", "2.1.%d", "Uraian %d", "1", "0", "0"], 100_000)}),
        ("bantuan", "20.000", {"Program": (["Nama Program", "Uji"], ["x", "y"], 5), "Peserta": (["NIK", "No", "Kartu"], ["%016d", "%d", "%016d"], 100_000)}),
    ],
)  # fmt: skip
def test_100k_rows_are_refused_with_the_row_limit(impor, maks, lembar, village, operator_client):
    url, _l, _j, nama, lain = IMPOR[impor]
    data = b.xlsx_aliran(lembar)
    sebelum = _jumlah(village)
    response = _unggah(operator_client, url, data, nama, **lain)
    assert response.status_code == 400
    html = response.content.decode()
    assert f"paling banyak {maks} baris" in html, html[:3000]
    assert _jumlah(village) == sebelum


def _jobs() -> int:
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM procrastinate_jobs")
        return cur.fetchone()[0]


@pytest.mark.parametrize(("jenis", "nama"), [("bom", "besar.xlsx"), ("bom_bohong", "besar.xlsx")])
def test_queueing_service_refuses_a_bomb_and_queues_nothing(
    village, django_capture_on_commit_callbacks, jenis, nama
):
    """The guard is in ``impor_antre`` itself, so the CLI and scripts are covered too,
    not only the back-office view."""
    from village_apps.penduduk.excel import BerkasDitolak
    from village_apps.penduduk.services import impor_antre

    data = berkas_jahat(jenis, SHEET, tuple(H_PENDUDUK))
    sebelum, jobs = _jumlah(village), _jobs()
    with (
        village_context(village),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(BerkasDitolak, match=JENIS[jenis]),
    ):
        impor_antre(nama_berkas=nama, isi=data, perbarui=False, village_id=village.pk)
    assert callbacks == []  # no deferral registered
    assert _jobs() == jobs  # no procrastinate job
    assert _jumlah(village) == sebelum  # no ImporPenduduk row, nothing else


# --- formulas without a saved value: refused, never an empty cell or an amount of 0 ------


def _openpyxl(lembar: dict[str, list[list]]) -> bytes:
    """A workbook as openpyxl writes it: formulas (strings starting with "=") stored
    without a computed value, like any tool that does not calculate."""
    buku = Workbook()
    buku.remove(buku.active)
    for nama, baris in lembar.items():
        ws = buku.create_sheet(nama)
        for isi in baris:
            ws.append(isi)
    keluar = io.BytesIO()
    buku.save(keluar)
    return keluar.getvalue()


def test_guard_records_formula_cells_without_a_saved_value():
    data = _openpyxl(
        {
            "Lain": [["x"], ["=1+1"]],
            "APBDes": [
                KOLOM_IMPOR,
                ["Belanja", "2.3.01", "Jalan", "=1+2", 0, 0],
                ["Belanja", "2.3.02", "Jembatan", 5, "=SUM(D2:D3)", 0],
            ],
        }
    )
    hasil = xlsx_check(io.BytesIO(data), maks_bytes=20 * MB, maks_baris=5000)
    rumus = hasil.rumus("APBDes")
    assert rumus.jumlah == {4: 1, 5: 1}
    assert [
        (t.baris, t.kolom, t.rumus) for t in rumus.temuan(dict(enumerate(KOLOM_IMPOR, start=1)))
    ] == [(2, "Anggaran", "=1+2"), (3, "Realisasi Semester 1", "=SUM(D2:D3)")]
    assert hasil.rumus("Lain").jumlah == {1: 1}
    assert hasil.rumus("Tidak ada").jumlah == {}


@pytest.mark.parametrize(
    ("sel", "kosong"),
    [
        (b'<c r="D3"><f>1+2</f></c>', True),  # no <v> at all
        (b'<c r="D3" s="2"><f>1+2</f><v></v></c>', True),
        (b'<c r="D3"><f t="shared" si="0"/></c>', True),  # a shared formula's follower
        (b'<c r="D3"><f>A1&gt;0</f>\n  <v/>\n</c>', True),
        (b'<x:c r="D3"><x:f>1</x:f></x:c>', True),  # namespace prefix
        (b'<c r="D3"><f>1+2</f><v>3</v></c>', False),  # the value Excel saved
        (b'<c r="D3" t="str"><f>""</f><v></v></c>', False),  # a saved empty string
        (b'<c r="D3" t="inlineStr"><is><t>3</t></is></c>', False),
    ],
)
def test_guard_tells_formulas_without_value_from_saved_ones(sel, kosong):
    data = _ubah_lembar(
        b.xlsx({"APBDes": [KOLOM_IMPOR]}),
        lambda x: x.replace(b"</sheetData>", b'<row r="3">' + sel + b"</row></sheetData>"),
    )
    rumus = xlsx_check(io.BytesIO(data), maks_bytes=20 * MB, maks_baris=5000).rumus("APBDes")
    assert rumus.jumlah == ({4: 1} if kosong else {})


@pytest.mark.parametrize("isi", [0, 3, 7, 11, 13])
def test_guard_counts_formula_cells_cut_by_its_1mb_pieces_exactly_once(isi):
    """Thousands of such cells over several 1 MB pieces: every cut position is
    somewhere inside a cell for one of the paddings; each cell counts once."""
    n = 25_000
    baris = [["Nama", "Nilai"]] + [
        [f"Warga {i}{'x' * isi}", b.Rumus(f"ROUND(B{i}*2,0)+{i}")] for i in range(2, n + 2)
    ]
    baris[500][1] = b.Rumus("1+1", cached="2")  # saved: not counted
    data = b.xlsx({SHEET: baris})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size > 3 * MB
    rumus = xlsx_check(io.BytesIO(data), maks_bytes=150 * MB, maks_baris=50_000).rumus(SHEET)
    assert rumus.jumlah == {2: n - 1}
    temuan = rumus.temuan({2: "nilai"})
    assert [t.baris for t in temuan[:3]] == [2, 3, 4]
    assert "24.899 sel lain" in temuan[-1].pesan  # 100 remembered, the rest counted


def test_keuangan_formula_without_saved_value_refuses_the_import(village, operator_client):
    rows = [
        KOLOM_IMPOR,
        ["Pendapatan", "4.2.1", "Dana Desa", 850_000_000, 0, 0],
        ["Belanja", "2.3.01", "Jalan", 300_000_000, 0, 0],
        ["Belanja", "2.3.02", "Jembatan", 100, 0, 0],
        ["Belanja", "2.3.03", "Drainase", "=1+2", 0, 0],  # was imported as 0
        ["=A2", "=B2", "=C2", "=D2", "=E2", "=F2"],  # was skipped as blank
    ]
    sebelum = _jumlah(village)
    data = _openpyxl({"APBDes": rows})
    response = _unggah(operator_client, "/keuangan/kelola/impor/", data, "a.xlsx", tahun=2025)
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Baris 5, kolom Anggaran: sel berisi rumus tanpa nilai tersimpan; buka dan simpan "
        "ulang berkas di Excel, atau ketik angkanya."
    ) in html
    for kolom in ("Kelompok", "Kode", "Uraian", "Anggaran", "Realisasi Semester 2"):
        assert f"Baris 6, kolom {kolom}: sel berisi rumus" in html
    assert _jumlah(village) == sebelum

    # The same formulas with the values Excel saved import as those values.
    rows[4][3] = b.Rumus("1+2", cached="3")
    rows[5] = ["Belanja", "2.3.04", "Gorong", b.Rumus("D5*2", cached="6"), 0, 0]
    response = _unggah(
        operator_client, "/keuangan/kelola/impor/", b.xlsx({"APBDes": rows}), "a.xlsx", tahun=2025
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with village_context(village):
        from village_apps.keuangan.models import BarisApbdes

        anggaran = dict(BarisApbdes.objects.values_list("kode", "anggaran"))
        assert anggaran["2.3.03"] == 3 and anggaran["2.3.04"] == 6


def test_bantuan_formula_without_saved_value_refuses_the_import(village, operator_client):
    from village_apps.penduduk.models import Penduduk

    with village_context(village):
        Penduduk.objects.create(nik="5201142005716996", nama="AHLUL", sex=1, agama_id=1)
    program = [
        ["Nama Program", "Bantuan Uji Rumus"],
        ["Sasaran Program", "=1"],  # would have been "tidak dikenal"
        ["Asal Dana", 1],
        ["Rentang Waktu (Awal)", "2025-01-01"],
        ["Rentang Waktu (Akhir)", "2025-12-31"],
    ]
    peserta = [
        ["NIK", "No", "NIK kartu"],
        ["5201142005716996", "1", ""],
        ['="52011420"&"05716996"', "2", ""],  # was skipped without a word
        ["###"],
        ["=1+1"],  # below the end marker: not read, not refused
    ]
    sebelum = _jumlah(village)
    response = _unggah(
        operator_client,
        "/bantuan/kelola/impor/",
        _openpyxl({"Program": program, "Peserta": peserta}),
        "b.xlsx",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Lembar Program, baris 2, kolom B: sel berisi rumus tanpa nilai tersimpan" in html
    assert "Lembar Peserta, baris 3, kolom A: sel berisi rumus tanpa nilai tersimpan" in html
    assert "Lembar Peserta, baris 5" not in html
    assert _jumlah(village) == sebelum


def test_penduduk_formula_without_saved_value_is_a_row_error(village, operator_client):
    rows = _baris(4)
    rows[1]["nik"] = b.Rumus('"1801044"&"105900001"')  # NIK from a formula, never computed
    rows[2]["sex"] = b.Rumus("1")
    data = b.xlsx(
        {SHEET: [KOLOM, *([r.get(k) for k in KOLOM] for r in rows), [None] * 3 + [b.Rumus("1")]]}
    )
    sebelum = _jumlah(village)
    job = _job_penduduk(
        village, _unggah(operator_client, "/kelola/penduduk/impor/", data, "data.xlsx")
    )
    assert job.status == "gagal"
    rumus = {
        (e["baris"], e["kolom"]): e
        for e in job.hasil["errors"]
        if "rumus tanpa nilai tersimpan" in e["pesan"]
    }
    assert set(rumus) == {(3, "nik"), (4, "sex"), (6, "rt")}  # row 6: formula only
    assert rumus[(3, "nik")]["nilai"] == '="1801044"&"105900001"'
    sesudah = _jumlah(village)
    assert sesudah.pop("penduduk_imporpenduduk") == sebelum.pop("penduduk_imporpenduduk") + 1
    assert sesudah == sebelum


# --- row-level trouble: a report, never a 500, never half an import ----------------------


def _job_penduduk(village, response):
    """The import job a POST redirected to; a large file was queued, so run it here the
    way the worker would (its own tests prove the worker path)."""
    from village_apps.penduduk.models import ImporPenduduk
    from village_apps.penduduk.services import impor_jalankan

    assert response.status_code == 302, response.status_code
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    with village_context(village):
        if ImporPenduduk.objects.get(pk=pk).status == "menunggu":
            impor_jalankan(impor_id=pk)
        return ImporPenduduk.objects.get(pk=pk)


def _acak(n: int, seed: int = 1) -> str:
    """``n`` random letters: a huge cell that does not compress like a bomb."""
    rng = random.Random(seed)
    return "".join(rng.choices(string.ascii_letters, k=n))


def _baris(n=4):
    rows = baris_penduduk(n, kode="180104")
    return [dict(zip(KOLOM, r, strict=True)) for r in rows]


def _xlsx_penduduk(rows: list[dict]) -> bytes:
    return b.xlsx({SHEET: [KOLOM, *([r.get(k) for k in KOLOM] for r in rows)]})


def test_penduduk_wrong_types_huge_cells_and_formulas_give_a_row_report(village, operator_client):
    rows = _baris(9)
    rows[0]["tanggallahir"] = '=HYPERLINK("http://contoh.invalid","klik")'  # text, not a date
    rows[1]["sex"] = "inf"  # int(float("inf")) was an OverflowError: a 500
    rows[2]["agama_id"] = "1e400"
    rows[3]["lat"] = "NaN"  # Decimal NaN slipped through quantize
    rows[4]["lng"] = "1e5"  # did not fit numeric(10,7): a 500 from COPY
    rows[5]["rw"] = "RW 0001 Kampung Baru"  # RW holds 10 characters: a 500 from INSERT
    rows[6]["dusun"] = _acak(MB)  # 1 MB cell (inline: bounded by the file's own size)
    rows[7]["nik"] = _acak(MB, 2)
    rows[8]["nama"] = b.Rumus("UPPER(B2)")  # a formula without a saved value: empty
    data = _xlsx_penduduk(rows)
    sebelum = _jumlah(village)
    job = _job_penduduk(
        village, _unggah(operator_client, "/kelola/penduduk/impor/", data, "data.xlsx")
    )
    assert job.status == "gagal"
    galat = {(e["baris"], e["kolom"]) for e in job.hasil["errors"]}
    for nomor, kolom in [
        (2, "tanggallahir"), (3, "sex"), (4, "agama_id"), (5, "lat"), (6, "lng"), (7, "rw"),
        (8, "dusun"), (9, "nik"), (10, "nama"),
    ]:  # fmt: skip
        assert (nomor, kolom) in galat, (nomor, kolom, job.hasil["errors"])
    assert all(len(e["nilai"]) <= 101 for e in job.hasil["errors"])  # no 1 MB echoes
    sesudah = _jumlah(village)
    assert sesudah.pop("penduduk_imporpenduduk") == sebelum.pop("penduduk_imporpenduduk") + 1
    assert sesudah == sebelum
    laporan = operator_client.get(f"/kelola/penduduk/impor/{job.pk}/laporan.csv")
    baris = list(csv.reader(io.StringIO(laporan.content.decode())))
    nilai = [r[2] for r in baris[1:]]
    assert '\'=HYPERLINK("http://contoh.invalid","klik")' in nilai
    assert not any(v.startswith(("=", "+", "@")) for v in nilai)


def test_penduduk_formulas_are_never_stored_as_formulas_and_exports_keep_them_text(
    village, operator_client
):
    rows = _baris(3)
    rows[0]["nama"] = "=1+1"  # typed as text: stays the text "=1+1"
    rows[1]["tempatlahir"] = b.Rumus('CONCAT("Kali","anda")', cached="Kalianda")
    rows[1]["alamat"] = "Jl.\x00 Mawar\x01 No. 5\x1f"  # NUL: PostgreSQL refuses it in text
    rows[2]["akta_lahir"] = _acak(MB)  # 40 characters fit: cut, with a warning
    rows[2]["nama"] = "-2+3+cmd|' /C calc'!A0"
    response = _unggah(
        operator_client, "/kelola/penduduk/impor/", _xlsx_penduduk(rows), "data.xlsx"
    )
    job = _job_penduduk(village, response)
    with village_context(village):
        from village_apps.penduduk.models import Penduduk

        assert job.status == "selesai", job.hasil["errors"]
        assert any(w["kolom"] == "akta_lahir" for w in job.hasil["warnings"])
        p = {x.nik: x for x in Penduduk.objects.all()}
        a, b_, c = (p[r["nik"]] for r in rows)
        assert a.nama == "=1+1"
        assert b_.tempatlahir == "Kalianda"
        assert b_.alamat == "Jl. Mawar No. 5"
        assert len(c.akta_lahir) == 40
    ekspor = operator_client.get("/kelola/penduduk/ekspor/")
    assert ekspor.status_code == 200
    lembar = load_workbook(io.BytesIO(ekspor.content))[SHEET]
    sel = {
        row[KOLOM.index("nama")].value: row[KOLOM.index("nama")]
        for row in lembar.iter_rows(min_row=2)
    }
    assert sel["=1+1"].data_type == "s"  # a text cell, not the formula 1+1
    assert sel["-2+3+cmd|' /C calc'!A0"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(ekspor.content)) as zf:
        assert b"<f>" not in zf.read("xl/worksheets/sheet1.xml")


def test_keuangan_wrong_types_and_huge_cells_are_row_errors(village, operator_client):
    rows = [
        KOLOM_IMPOR,
        ["Pendapatan", "4.2.1", "Dana Desa", "NaN", 0, 0],  # Decimal NaN < 0 raised: a 500
        ["Belanja", "2.3.01", "Jalan", "Infinity", 0, 0],
        ["Belanja", _acak(MB), "Kode 1 MB", 1, 0, 0],
        ["Belanja", "2.3.02", _acak(MB, 2), "satu juta", 0, 0],
        ["Belanja", "2.3.03", "Tanggal", "2024-01-01", 0, 0],
        ["Belanja\x00", "2.3.04", "NUL\x00", 1, 0, 0],
        [b.Rumus("1+1"), "2.3.05", "Rumus", b.Rumus("1/0"), 0, 0],
    ]
    sebelum = _jumlah(village)
    response = _unggah(
        operator_client, "/keuangan/kelola/impor/", b.xlsx({"APBDes": rows}), "a.xlsx", tahun=2025
    )
    assert response.status_code == 400
    html = response.content.decode()
    for n in (2, 3, 4, 5, 6):
        assert f"Baris {n}:" in html, n
    for kolom in ("Kelompok", "Anggaran"):  # formulas without a saved value
        assert f"Baris 8, kolom {kolom}: sel berisi rumus tanpa nilai tersimpan" in html
    assert len(html) < 200_000  # the 1 MB code is not echoed back
    assert _jumlah(village) == sebelum


def test_bantuan_bad_programme_sheet_and_hostile_identifiers(village, operator_client):
    from village_apps.penduduk.models import Penduduk

    program = [
        ["Nama Program", _acak(MB)],
        ["Sasaran Program", "inf"],
        ["Asal Dana", 1],
        ["Rentang Waktu (Awal)", "9999-99-99"],
        ["Rentang Waktu (Akhir)", "2025-12-31"],
    ]
    peserta = [["NIK", "No", "NIK kartu"], ["5201142005716996", "1", ""]]
    sebelum = _jumlah(village)
    response = _unggah(
        operator_client,
        "/bantuan/kelola/impor/",
        b.xlsx({"Program": program, "Peserta": peserta}),
        "b.xlsx",
    )
    assert response.status_code == 400
    assert "tidak dikenal" in response.content.decode() or "karakter" in response.content.decode()
    assert len(response.content) < 200_000
    assert _jumlah(village) == sebelum

    with village_context(village):
        Penduduk.objects.create(nik="5201142005716996", nama="AHLUL", sex=1, agama_id=1)
    program = [
        ["Nama Program", "Bantuan Uji"],
        ["Sasaran Program", 1],
        ["Asal Dana", 1],
        ["Rentang Waktu (Awal)", "2025-01-01"],
        ["Rentang Waktu (Akhir)", "2025-12-31"],
    ]
    peserta = [
        ["NIK", "No", "NIK kartu"],
        [5201142005716996.0, "1", "5201142005716996"],  # a number, not text: still found
        [_acak(MB), "2", ""],
        [b.Rumus('"52011420"&"05716996"', cached="5201142005716996"), "3", ""],  # saved
        ["=cmd|' /C calc'!A0", "4", ""],
    ]
    response = _unggah(
        operator_client,
        "/bantuan/kelola/impor/",
        b.xlsx({"Program": program, "Peserta": peserta}),
        "b.xlsx",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 peserta ditambahkan" in html and "Tidak dikenal (2)" in html
    assert len(html) < 200_000
    with village_context(village):
        from village_apps.bantuan.models import Peserta

        assert Peserta.objects.get().kartu_nik == "5201142005716996"


# --- exports ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "aman"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-", "-"),
        ("-12,5", "-12,5"),
        ("Budi", "Budi"),
        (12, 12),
    ],
)
def test_csv_values_that_look_like_formulas_are_neutralised(nilai, aman):
    assert csv_safe(nilai) == aman


def test_control_plane_comparison_exports_write_names_as_text():
    from control_plane.dashboards.exports import comparison_csv, comparison_xlsx
    from control_plane.dashboards.selectors import ChildRow

    rows = [ChildRow(code="1801", name='=HYPERLINK("http://contoh.invalid","x")')]
    view = type("V", (), {"code": "18", "edition": "kepmendagri-2025"})()
    teks = comparison_csv(view, rows)
    assert "'=HYPERLINK" in teks
    lembar = load_workbook(io.BytesIO(comparison_xlsx(view, rows))).active
    assert lembar["B2"].data_type == "s"
    assert lembar["B2"].value.startswith("=HYPERLINK")

"""OpenSID Excel import/export (acceptance 1 and 2)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from tenants.context import village_context
from tests.village_apps.penduduk.generate import baris_penduduk, tulis_berkas
from village_apps.keluarga.models import Keluarga
from village_apps.penduduk.excel import (
    KOLOM,
    BerkasDitolak,
    penduduk_ekspor_excel,
    penduduk_impor_excel,
)
from village_apps.penduduk.models import Penduduk
from village_apps.peristiwa.models import LogPenduduk
from village_apps.wilayah.models import RT


def _impor(path, **kw):
    with open(path, "rb") as fh:
        return penduduk_impor_excel(source=fh, nama_berkas=str(path), **kw)


def test_opensid_template_imports_its_example_row(village, opensid_template):
    with village_context(village):
        hasil = _impor(opensid_template)
        assert hasil.ok, hasil.errors
        p = Penduduk.objects.select_related("keluarga", "wilayah__rw__dusun").get()
        assert (p.nik, p.keluarga.no_kk, p.sex, p.tanggallahir) == (
            "8788888888888456",
            "6453654545450056",
            2,
            date(1978, 3, 28),
        )
        assert (p.wilayah.rw.dusun.nama, p.wilayah.rw.nama, p.wilayah.nama) == (
            "Dusun Satu",
            "002",
            "001",
        )
        assert (p.pekerjaan_id, p.golongan_darah_id, p.id_asuransi, p.tag_id_card) == (
            29,
            8,
            1,
            "4446891881",
        )
        assert p.keluarga.kepala_id == p.pk
        # The example NIK is not structured like a real one: warnings, not errors.
        assert any(w.kolom == "nik" for w in hasil.warnings)
        assert LogPenduduk.objects.filter(penduduk=p).count() == 1


def test_bad_rows_import_nothing_and_every_bad_row_is_reported(village, tmp_path):
    rows = baris_penduduk(6)
    i = KOLOM.index
    rows[1][i("nik")] = "12345"  # too short
    rows[2][i("agama_id")] = 42  # unknown code
    rows[3][i("tanggallahir")] = "31/02/2001"  # not a date
    rows[4][i("no_kk")] = None  # missing KK
    path = tulis_berkas(tmp_path / "buruk.xlsx", jumlah=0, rows=rows)
    with village_context(village):
        hasil = _impor(path)
        assert not hasil.ok
        assert {(e.baris, e.kolom) for e in hasil.errors} == {
            (3, "nik"),
            (4, "agama_id"),
            (5, "tanggallahir"),
            (6, "no_kk"),
        }
        assert all(e.pesan for e in hasil.errors)
        assert (
            Penduduk.objects.count() == 0
            and Keluarga.objects.count() == 0
            and RT.objects.count() == 0
        )


def test_messy_files_are_read_as_villages_write_them(village, tmp_path):
    from openpyxl import Workbook

    rows = baris_penduduk(3)
    i = KOLOM.index
    rows[0][i("tanggallahir")] = "1980-05-17"
    rows[0][i("nik")] = "1801045705800001"  # woman? no: sex 1 here -> warning only
    rows[1][i("tanggallahir")] = "17-05-1981"
    rows[1][i("sex")] = "2"  # code as text
    rows[2][i("tanggallahir")] = "03/04/1990"
    rows[2][i("rw")], rows[2][i("rt")] = "-", None
    rows[2][i("no_kk")] = rows[1][i("no_kk")] = rows[0][i("no_kk")]
    rows[1][i("kk_level")] = rows[2][i("kk_level")] = 4
    for r in rows[1:]:
        r[i("dusun")], r[i("rw")], r[i("rt")] = (
            rows[0][i("dusun")],
            rows[0][i("rw")],
            rows[0][i("rt")],
        )
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"  # no "Data Penduduk": the first sheet is used
    ws.append(KOLOM)
    ws.append(rows[0])
    ws.append([None] * len(KOLOM))  # blank row skipped
    ws.append(rows[1])
    ws.append(rows[2])
    ws.append([None, "###", "keterangan"])
    ws.append(rows[0])  # after the end marker: ignored
    path = tmp_path / "berantakan.xlsm"
    wb.save(path)
    with village_context(village):
        hasil = _impor(path)
        assert hasil.ok, hasil.errors
        assert hasil.created["penduduk"] == 3
        assert sorted(Penduduk.objects.values_list("tanggallahir", flat=True)) == [
            date(1980, 5, 17),
            date(1981, 5, 17),
            date(1990, 4, 3),
        ]


def test_other_file_types_are_rejected(village, tmp_path):
    path = tmp_path / "penduduk.csv"
    path.write_text("nama,nik\n")
    with village_context(village), pytest.raises(BerkasDitolak, match="xlsx"):
        _impor(path)


def test_existing_nik_is_an_error_unless_update_is_chosen(village, tmp_path):
    rows = baris_penduduk(4)
    path = tulis_berkas(tmp_path / "a.xlsx", jumlah=0, rows=rows)
    with village_context(village):
        assert _impor(path).ok
        again = _impor(path)
        assert not again.ok and {e.kolom for e in again.errors} == {"nik"}
        rows[0][KOLOM.index("nama")] = "Nama Baru"
        rows[1][KOLOM.index("status_dasar")] = 2  # died
        tulis_berkas(path, jumlah=0, rows=rows)
        hasil = _impor(path, perbarui=True)
        assert hasil.ok and hasil.updated["penduduk"] == 4 and hasil.created["penduduk"] == 0
        assert Penduduk.objects.filter(nama="Nama Baru").exists()
        assert LogPenduduk.objects.filter(kode_peristiwa=2).count() == 1


def test_family_with_two_heads_is_an_error(village, tmp_path):
    rows = baris_penduduk(2)
    i = KOLOM.index
    rows[1][i("no_kk")] = rows[0][i("no_kk")]
    rows[1][i("kk_level")] = 1
    for k in ("dusun", "rw", "rt"):
        rows[1][i(k)] = rows[0][i(k)]
    path = tulis_berkas(tmp_path / "dua_kepala.xlsx", jumlah=0, rows=rows)
    with village_context(village):
        hasil = _impor(path)
        assert [(e.baris, e.kolom) for e in hasil.errors] == [(3, "kk_level")]


def test_duplicates_are_flagged_on_import(village, tmp_path):
    rows = baris_penduduk(3)
    i = KOLOM.index
    rows[2][i("nama")], rows[2][i("tanggallahir")] = rows[0][i("nama")], rows[0][i("tanggallahir")]
    path = tulis_berkas(tmp_path / "ganda.xlsx", jumlah=0, rows=rows)
    with village_context(village):
        hasil = _impor(path)
        assert hasil.ok
        assert {w.baris for w in hasil.warnings if w.kolom == "nama"} == {2, 4}
        assert Penduduk.objects.filter(kemungkinan_ganda=True).count() == 2


def _snapshot():
    fields = [k for k in KOLOM if k not in ("dusun", "rw", "rt", "no_kk")]
    return sorted(
        (
            tuple(getattr(p, k) for k in fields),
            p.keluarga.no_kk,
            p.keluarga.kepala.nik if p.keluarga.kepala else None,
            (p.wilayah.rw.dusun.nama, p.wilayah.rw.nama, p.wilayah.nama),
        )
        for p in Penduduk.objects.select_related("keluarga__kepala", "wilayah__rw__dusun")
    )


def test_round_trip_export_import_reproduces_the_data(
    village, village_b, tmp_path, opensid_template
):
    rows = baris_penduduk(40)
    rows[5][KOLOM.index("status_dasar")] = 3
    rows[6][KOLOM.index("lat")], rows[6][KOLOM.index("lng")] = "-5.3971", "105.2668"
    path = tulis_berkas(tmp_path / "awal.xlsx", jumlah=0, rows=rows)
    with village_context(village):
        assert _impor(path).ok
        assert _impor(opensid_template).ok
        before = _snapshot()
        wilayah_before = sorted(RT.objects.values_list("rw__dusun__nama", "rw__nama", "nama"))
        buf = io.BytesIO()
        assert penduduk_ekspor_excel(target=buf) == 41
    buf.seek(0)
    assert load_workbook(buf, read_only=True).sheetnames == ["Data Penduduk"]
    buf.seek(0)
    with village_context(village_b):
        hasil = penduduk_impor_excel(source=buf, nama_berkas="ekspor.xlsx")
        assert hasil.ok, hasil.errors
        assert _snapshot() == before
        assert (
            sorted(RT.objects.values_list("rw__dusun__nama", "rw__nama", "nama")) == wilayah_before
        )


@pytest.mark.slow
def test_ten_thousand_rows_import_correctly(village, berkas_10k):
    # Its speed is bench/penduduk.py's to measure, not a test's.
    with village_context(village):
        hasil = _impor(berkas_10k)
        assert hasil.ok, hasil.errors[:5]
        assert Penduduk.objects.count() == 10_000 == hasil.created["penduduk"]
        assert Keluarga.objects.filter(kepala__isnull=False).count() == hasil.created["keluarga"]
        assert LogPenduduk.objects.count() == 10_000

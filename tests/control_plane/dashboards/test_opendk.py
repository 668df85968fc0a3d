"""Interop: a village exported in the shapes OpenDK's sync imports read."""

import csv
import io
import json
import zipfile

from control_plane.dashboards import opendk
from tenants.context import village_context
from tests.support.builders import staff_client


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_export_has_opendk_shapes(village, uji_facades):
    from openpyxl import load_workbook

    from village_apps.penduduk import facade

    with village_context(village):
        facade.load_demo_village(village=village)
        residents = facade.ringkasan().penduduk
    archive = _zip(opendk.opendk_export(village=village))
    ident = json.loads(archive.read("identitas_desa.json"))
    assert ident["kode_desa"] == village.code and ident["sebutan_desa"] == "desa"
    sheet = load_workbook(io.BytesIO(archive.read(f"penduduk_{village.code}.xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [h for h, _c in opendk.PENDUDUK_COLUMNS]
    assert len(rows) - 1 >= residents > 0
    first = dict(zip(rows[0], rows[1], strict=True))
    assert len(str(first["nomor_nik"])) == 16 and first["desa_id"] == village.code
    program = list(
        csv.DictReader(io.StringIO(archive.read(f"program_bantuan_{village.code}.csv").decode()))
    )
    assert program[0]["nama"] == "BLT Dana Desa" and program[0]["desa_id"] == village.code
    assert list(program[0]) == opendk.PROGRAM_COLUMNS
    build = list(
        csv.DictReader(io.StringIO(archive.read(f"pembangunan_{village.code}.csv").decode()))
    )
    assert build[0]["judul"] == "Jalan usaha tani"
    peserta = archive.read(f"peserta_bantuan_{village.code}.csv").decode().splitlines()
    assert peserta == [",".join(opendk.PESERTA_COLUMNS)]


def test_export_download_is_for_its_managers_only(settings, village, village_x, public_client):
    manager = staff_client(role="contract_manager", kabupaten_code="1801", username="pk")[0]
    response = manager.get(f"/dasbor/wilayah/{village.code}/opendk.zip")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert manager.get(f"/dasbor/wilayah/{village_x.code}/opendk.zip").status_code == 403
    assert public_client.get(f"/dasbor/wilayah/{village.code}/opendk.zip").status_code == 302


def test_export_carries_the_villages_own_programmes_and_projects(village):
    """The aid and projects apps fill their OpenDK datasets through their facades."""
    import datetime as dt

    from village_apps.bantuan.services import program_save
    from village_apps.pembangunan.services import proyek_save

    with village_context(village):
        program_save(
            nama="PKH", sasaran=1, asal_dana=1, mulai=dt.date(2026, 1, 1),
            selesai=dt.date(2026, 12, 31), keterangan="Program Keluarga Harapan",
        )  # fmt: skip
        proyek_save(nama="Embung", lokasi="Dusun I", tahun=2026, sumber_dana=["dd"])
    archive = _zip(opendk.opendk_export(village=village))
    program = list(
        csv.DictReader(io.StringIO(archive.read(f"program_bantuan_{village.code}.csv").decode()))
    )
    assert [(p["nama"], p["ndesc"], p["desa_id"]) for p in program] == [
        ("PKH", "Program Keluarga Harapan", village.code)
    ]
    build = list(
        csv.DictReader(io.StringIO(archive.read(f"pembangunan_{village.code}.csv").decode()))
    )
    assert [(b["judul"], b["sumber_dana"]) for b in build] == [("Embung", "Dana Desa")]

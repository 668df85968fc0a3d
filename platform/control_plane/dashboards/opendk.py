"""Export of one village in the shapes OpenDK receives from OpenSID's "sinkronisasi".

OpenDK (the kecamatan dashboard) imports a ZIP per village: the resident workbook
(``SinkronPenduduk``), aid programmes and participants (``SinkronBantuan``,
``SinkronPesertaBantuan``) and development projects (``SinkronPembangunan``), plus the
village identity its API receives. The column mapping is documented in
``docs/opendk.md``. Village data is read only through facades, inside the village:
residents through ``Population.penduduk_export`` (which audits the export in the
village), the rest through every facade fulfilling ``OpenDKSource``
(``village_apps.contracts``).
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import logging
import zipfile
from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from django.utils import timezone

from balai_kernel.spreadsheet_export import csv_safe, xlsx_row_safe
from tenants.context import village_context
from tenants.models import Village
from village_apps.contracts import OpenDKSource, Population, facade_get, facades_offering

logger = logging.getLogger(__name__)

# OpenDK heading (SinkronPenduduk) ← column of OpenSID's 43-column resident workbook.
PENDUDUK_COLUMNS: list[tuple[str, str | None]] = [
    ("nomor_nik", "nik"),
    ("nama", "nama"),
    ("nomor_kk", "no_kk"),
    ("jenis_kelamin", "sex"),
    ("tempat_lahir", "tempatlahir"),
    ("tanggal_lahir", "tanggallahir"),
    ("agama", "agama_id"),
    ("pendidikan_dlm_kk", "pendidikan_kk_id"),
    ("pendidikan_sdg_ditempuh", "pendidikan_sedang_id"),
    ("pekerjaan", "pekerjaan_id"),
    ("kawin", "status_kawin"),
    ("hubungan_keluarga", "kk_level"),
    ("kewarganegaraan", "warganegara_id"),
    ("nama_ibu", "nama_ibu"),
    ("nama_ayah", "nama_ayah"),
    ("gol_darah", "golongan_darah_id"),
    ("akta_lahir", "akta_lahir"),
    ("nomor_dokumen_pasport", "dokumen_pasport"),
    ("tanggal_akhir_pasport", "tanggal_akhir_paspor"),
    ("nomor_dokumen_kitas", "dokumen_kitas"),
    ("nik_ayah", "ayah_nik"),
    ("nik_ibu", "ibu_nik"),
    ("nomor_akta_perkawinan", "akta_perkawinan"),
    ("tanggal_perkawinan", "tanggalperkawinan"),
    ("nomor_akta_perceraian", "akta_perceraian"),
    ("tanggal_perceraian", "tanggalperceraian"),
    ("cacat", "cacat_id"),
    ("cara_kb", "cara_kb_id"),
    ("hamil", "hamil"),
    ("foto", None),
    ("alamat_sekarang", "alamat_sekarang"),
    ("alamat", "alamat"),
    ("dusun", "dusun"),
    ("rw", "rw"),
    ("rt", "rt"),
    ("desa_id", None),
    ("id", None),
    ("status_dasar", "status_dasar"),
    ("status_rekam", "status_rekam"),
    ("created_at", None),
    ("updated_at", None),
]
PROGRAM_COLUMNS = ["desa_id", "id", "nama", "sasaran", "status", "sdate", "edate", "ndesc"]
PESERTA_COLUMNS = [
    "id",
    "peserta",
    "program_id",
    "no_id_kartu",
    "kartu_nik",
    "kartu_nama",
    "sasaran",
    "kartu_tempat_lahir",
    "kartu_tanggal_lahir",
    "kartu_alamat",
    "kartu_peserta",
    "kode_desa",
]
PEMBANGUNAN_COLUMNS = [
    "desa_id",
    "id",
    "sumber_dana",
    "lokasi",
    "keterangan",
    "judul",
    "volume",
    "tahun_anggaran",
    "pelaksana_kegiatan",
    "status",
    "anggaran",
    "perubahan_anggaran",
    "sumber_biaya_pemerintah",
    "sumber_biaya_provinsi",
    "sumber_biaya_kab_kota",
    "sumber_biaya_swadaya",
    "sumber_biaya_jumlah",
    "manfaat",
    "waktu",
    "foto",
]
CSV_DATASETS = {
    "program_bantuan": PROGRAM_COLUMNS,
    "peserta_bantuan": PESERTA_COLUMNS,
    "pembangunan": PEMBANGUNAN_COLUMNS,
}


def identitas(village: Village) -> dict[str, Any]:
    """What OpenDK's ``identitas-desa`` API receives (kode_desa, sebutan_desa, website)."""
    return {
        "kode_desa": village.code,
        "nama_desa": village.name,
        "sebutan_desa": village.get_kind_display().lower(),
        "website": village.url,
        "kode_kecamatan": village.kecamatan_code,
    }


def _penduduk_rows(village: Village, stamp: str) -> list[list[Any]]:
    from openpyxl import load_workbook

    buffer = io.BytesIO()
    facade_get("penduduk", Population).penduduk_export(target=buffer)
    buffer.seek(0)
    sheet = load_workbook(buffer, read_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h) for h in next(rows, [])]
    out = []
    for number, values in enumerate(rows, start=1):
        source = dict(zip(header, values, strict=False))
        extra = {"desa_id": village.code, "id": number, "created_at": stamp, "updated_at": stamp}
        out.append(
            [
                extra.get(heading, "") if column is None else _cell(source.get(column))
                for heading, column in PENDUDUK_COLUMNS
            ]
        )
    return out


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value


def _facade_rows() -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in CSV_DATASETS}
    for _name, facade in opendk_sources():
        for dataset, rows in facade.opendk_rows().items():
            if dataset in found:
                found[dataset].extend(rows)
    return found


def opendk_sources() -> list[tuple[str, OpenDKSource]]:
    """Every village app fulfilling ``OpenDKSource`` (the ``DASHBOARD_SNAPSHOT_FACADES``
    setting, a list of module names, replaces them in tests)."""
    configured = getattr(settings, "DASHBOARD_SNAPSHOT_FACADES", None)
    if configured is not None:
        return [(name, cast(OpenDKSource, importlib.import_module(name))) for name in configured]
    return list(facades_offering(OpenDKSource))


def _csv(columns: list[str], rows: Iterable[dict[str, Any]], village: Village) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        filled = {"desa_id": village.code, "kode_desa": village.code, **row}
        writer.writerow({c: csv_safe(_cell(filled.get(c))) for c in columns})
    return out.getvalue()


def opendk_export(*, village: Village) -> bytes:
    """A ZIP of the village in OpenDK's sync shapes. Holds personal data (NIK, names):
    only for the village's kabupaten managers and operations staff; the resident
    export is audited inside the village by the population app."""
    from openpyxl import Workbook

    stamp = timezone.now().isoformat(timespec="seconds")
    with village_context(village):
        penduduk = _penduduk_rows(village, stamp)
        datasets = _facade_rows()
    book = Workbook()
    sheet = book.active
    sheet.title = "penduduk"
    sheet.append([heading for heading, _c in PENDUDUK_COLUMNS])
    for row in penduduk:
        sheet.append(xlsx_row_safe(sheet, row))
    workbook = io.BytesIO()
    book.save(workbook)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("identitas_desa.json", json.dumps(identitas(village), indent=2))
        zf.writestr(f"penduduk_{village.code}.xlsx", workbook.getvalue())
        for dataset, columns in CSV_DATASETS.items():
            zf.writestr(f"{dataset}_{village.code}.csv", _csv(columns, datasets[dataset], village))
    logger.info("opendk export", extra={"residents": len(penduduk)})
    return archive.getvalue()

"""Writing aid programmes and participants, and importing OpenSID's programme file.

Participants are found by the identifier OpenSID uses for the programme's target:
NIK (penduduk), KK number (keluarga), household number (rumah tangga) or group code
(kelompok). Identifiers that match nobody are reported back, never guessed. Audit rows
carry counts, never NIKs or names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai_kernel.actor import Actor
from balai_kernel.spreadsheet_guard import MB, SpreadsheetRejected, cell_text, shorten, xlsx_check
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.bantuan.choices import AsalDana, Sasaran
from village_apps.bantuan.models import Peserta, Program
from village_apps.web.cache import situs_cache_invalidate

_TAUTAN = {
    Sasaran.PENDUDUK: ("penduduk", "village_apps.penduduk.models", "Penduduk", "nik"),
    Sasaran.KELUARGA: ("keluarga", "village_apps.keluarga.models", "Keluarga", "no_kk"),
    Sasaran.RUMAH_TANGGA: ("rumah_tangga", "village_apps.keluarga.models", "RumahTangga", "no_rtm"),
    Sasaran.KELOMPOK: ("kelompok", "village_apps.kelompok.models", "Kelompok", "kode"),
}
MAKS_PESERTA_IMPOR = 20_000
MAKS_TERBUKA_IMPOR = 30 * MB  # the workbook once decompressed
NAMA_PENGENAL = {
    Sasaran.PENDUDUK: gettext_lazy("NIK"),
    Sasaran.KELUARGA: gettext_lazy("nomor KK"),
    Sasaran.RUMAH_TANGGA: gettext_lazy("nomor rumah tangga"),
    Sasaran.KELOMPOK: gettext_lazy("kode kelompok"),
}


def _model_sasaran(sasaran: int) -> tuple[str, type, str]:
    import importlib

    medan, modul, kelas, kunci = _TAUTAN[Sasaran(sasaran)]
    return medan, getattr(importlib.import_module(modul), kelas), kunci


@transaction.atomic
def program_save(
    *,
    nama: str,
    sasaran: int,
    asal_dana: int,
    mulai: dt.date,
    selesai: dt.date,
    keterangan: str = "",
    program: Program | None = None,
    actor: Actor | None = None,
) -> Program:
    """Create or update a programme. The target type cannot change once it has participants."""
    baru = program is None
    program = program or Program()
    if not baru and program.sasaran != sasaran and program.peserta.exists():
        raise ValidationError(
            _("Sasaran tidak dapat diubah karena program sudah memiliki peserta.")
        )
    program.nama, program.sasaran, program.asal_dana = nama.strip(), sasaran, asal_dana
    program.mulai, program.selesai, program.keterangan = mulai, selesai, keterangan.strip()
    program.full_clean()
    program.save()
    audit_record(
        action=AuditAction.CREATE if baru else AuditAction.UPDATE, object_type="bantuan.program",
        object_id=program.pk, actor=actor,
    )  # fmt: skip
    situs_cache_invalidate()
    return program


def _cari_sasaran(program: Program, pengenal: list[str]) -> dict[str, Any]:
    medan, model, kunci = _model_sasaran(program.sasaran)
    return {getattr(o, kunci): o for o in model.objects.filter(**{f"{kunci}__in": pengenal})}


@transaction.atomic
def peserta_add(
    *,
    program: Program,
    pengenal: str,
    no_peserta: str = "",
    kartu_nik: str = "",
    actor: Actor | None = None,
) -> Peserta:
    """Add one participant by the identifier of the programme's target."""
    pengenal = pengenal.strip()
    medan, _model, _kunci = _model_sasaran(program.sasaran)
    sasaran = _cari_sasaran(program, [pengenal]).get(pengenal)
    if sasaran is None:
        raise ValidationError(
            _("%(jenis)s tidak ditemukan di data desa.")
            % {"jenis": NAMA_PENGENAL[Sasaran(program.sasaran)]}
        )
    if Peserta.objects.filter(program=program, **{medan: sasaran}).exists():
        raise ValidationError(_("Sudah menjadi peserta program ini."))
    peserta = Peserta.objects.create(
        program=program,
        no_peserta=no_peserta.strip(),
        kartu_nik=kartu_nik.strip()[:16],
        **{medan: sasaran},
    )
    audit_record(
        action=AuditAction.CREATE, object_type="bantuan.peserta", object_id=peserta.pk, actor=actor
    )
    situs_cache_invalidate()
    return peserta


@transaction.atomic
def peserta_delete(*, peserta: Peserta, actor: Actor | None = None) -> None:
    audit_record(
        action=AuditAction.DELETE, object_type="bantuan.peserta", object_id=peserta.pk, actor=actor
    )
    peserta.delete()
    situs_cache_invalidate()


@dataclass
class HasilImporBantuan:
    program: Program | None = None
    program_baru: bool = False
    ditambahkan: int = 0
    sudah_ada: int = 0
    tidak_dikenal: list[tuple[int, str]] = field(default_factory=list)  # (Excel row, identifier)
    kesalahan: list[str] = field(default_factory=list)


def _tanggal(nilai: Any, nama: str) -> dt.date:
    if isinstance(nilai, dt.datetime):
        return nilai.date()
    if isinstance(nilai, dt.date):
        return nilai
    try:
        return dt.date.fromisoformat(cell_text(nilai)[:10])
    except ValueError as exc:
        raise ValidationError(_("%(nama)s harus tanggal TTTT-BB-HH.") % {"nama": nama}) from exc


def _pilihan(nilai: Any, choices: type, nama: str) -> int:
    teks = cell_text(nilai)
    if teks.isdigit() and int(teks) in choices.values:
        return int(teks)
    # The file's words are OpenSID's (Indonesian), whatever the screen's language.
    with translation.override("id"):
        pilihan = [(value, str(label)) for value, label in choices.choices]
    for value, label in pilihan:
        if teks.lower() == str(label).lower() or str(label).lower().startswith(
            teks.lower() or "\0"
        ):
            return value
    raise ValidationError(
        _("%(nama)s tidak dikenal: %(nilai)s.") % {"nama": nama, "nilai": shorten(teks)}
    )


@transaction.atomic
def program_impor(*, berkas: IO[bytes], actor: Actor | None = None) -> HasilImporBantuan:
    """Import OpenSID's ``format_impor_program_bantuan.xlsx``: sheet "Program" (key/value
    rows) and sheet "Peserta" (one row per participant, column A the target's identifier,
    column C the card NIK). A known ``ID Program`` adds to that programme; otherwise a
    new one is created. Unknown identifiers are reported with their row numbers and
    skipped; programme errors abort the whole import. At most ``MAKS_PESERTA_IMPOR``
    participant rows (a longer file is refused whole, never cut); formulas count as the
    value Excel saved for them, and one without a saved value (found by the archive
    guard's pass) refuses the whole import: its identifier or code would be read as
    empty and silently skipped."""
    from openpyxl import load_workbook

    hasil = HasilImporBantuan()
    try:
        periksa = xlsx_check(berkas, maks_bytes=MAKS_TERBUKA_IMPOR, maks_baris=MAKS_PESERTA_IMPOR)
        buku = load_workbook(berkas, read_only=True, data_only=True)
    except SpreadsheetRejected as exc:
        hasil.kesalahan.append(str(exc))
        return hasil
    except Exception:  # noqa: BLE001 - any unreadable upload gets the same answer
        hasil.kesalahan.append(_("Berkas bukan Excel (.xlsx) yang dapat dibaca."))
        return hasil
    if not {"Program", "Peserta"} <= set(buku.sheetnames):
        hasil.kesalahan.append(_('Berkas harus memuat lembar "Program" dan "Peserta".'))
        return hasil
    info: dict[str, Any] = {}
    akhir_program = 50
    for nomor, baris in enumerate(
        buku["Program"].iter_rows(values_only=True, max_row=50, max_col=2), start=1
    ):
        kunci = cell_text(baris[0] if baris else "")
        if kunci.startswith("###"):
            akhir_program = nomor - 1
            break
        if kunci:
            info[kunci.lower()] = baris[1] if len(baris) > 1 else None
    calon: list[tuple[int, str, str, str]] = []
    akhir_peserta = MAKS_PESERTA_IMPOR + 1
    for nomor, baris in enumerate(
        buku["Peserta"].iter_rows(
            min_row=2, values_only=True, max_row=MAKS_PESERTA_IMPOR + 1, max_col=7
        ),
        start=2,
    ):
        baris = (*baris, *([None] * 7))[:7]
        pengenal = cell_text(baris[0])
        if pengenal.startswith("###"):
            akhir_peserta = nomor - 1
            break
        if pengenal:
            calon.append((nomor, pengenal, cell_text(baris[1]), cell_text(baris[2])))
    for lembar, kolom, awal, akhir in (
        ("Program", {1: "A", 2: "B"}, 1, akhir_program),
        ("Peserta", {1: "A", 2: "B", 3: "C"}, 2, akhir_peserta),
    ):
        for r in periksa.rumus(lembar).temuan(kolom, baris_awal=awal, baris_akhir=akhir):
            hasil.kesalahan.append(
                _("Lembar %(lembar)s, baris %(n)s, kolom %(kolom)s: %(pesan)s")
                % {"lembar": lembar, "n": r.baris, "kolom": r.kolom, "pesan": r.pesan}
            )
    if hasil.kesalahan:
        return hasil
    try:
        nama = cell_text(info.get("nama program"))
        if not nama:
            raise ValidationError(_("Nama Program wajib diisi."))
        data = {
            "nama": nama,
            "sasaran": _pilihan(info.get("sasaran program"), Sasaran, _("Sasaran Program")),
            "asal_dana": _pilihan(info.get("asal dana"), AsalDana, _("Asal Dana")),
            "mulai": _tanggal(info.get("rentang waktu (awal)"), _("Rentang Waktu (Awal)")),
            "selesai": _tanggal(info.get("rentang waktu (akhir)"), _("Rentang Waktu (Akhir)")),
            "keterangan": cell_text(info.get("keterangan")),
        }
    except ValidationError as exc:
        hasil.kesalahan.extend(exc.messages)
        return hasil
    opensid_id = cell_text(info.get("id program"))
    program = Program.objects.filter(opensid_id=opensid_id).first() if opensid_id else None
    if program is not None and program.sasaran != data["sasaran"]:
        hasil.kesalahan.append(
            _("Sasaran berbeda dengan program yang sudah ada (ID %(id)s).") % {"id": opensid_id}
        )
        return hasil
    hasil.program_baru = program is None
    if program is None:
        program = Program(opensid_id=opensid_id)
    for kunci, nilai in data.items():
        setattr(program, kunci, nilai)
    try:
        program.full_clean()
    except ValidationError as exc:
        hasil.kesalahan.extend(exc.messages)
        return hasil
    program.save()
    hasil.program = program

    medan, _model, _kunci = _model_sasaran(program.sasaran)
    dikenal = _cari_sasaran(program, [p for _, p, _, _ in calon])
    sudah = set(Peserta.objects.filter(program=program).values_list(f"{medan}_id", flat=True))
    baru: list[Peserta] = []
    for nomor, pengenal, no_peserta, kartu_nik in calon:
        sasaran = dikenal.get(pengenal)
        if sasaran is None:
            hasil.tidak_dikenal.append((nomor, shorten(pengenal)))
        elif sasaran.pk in sudah:
            hasil.sudah_ada += 1
        else:
            sudah.add(sasaran.pk)
            baru.append(
                Peserta(
                    program=program,
                    no_peserta=no_peserta[:50],
                    kartu_nik=kartu_nik[:16],
                    **{medan: sasaran},
                )
            )
    Peserta.objects.bulk_create(baru)
    hasil.ditambahkan = len(baru)
    audit_record(
        action=AuditAction.IMPORT, object_type="bantuan.program", object_id=program.pk, actor=actor,
        summary=f"impor OpenSID: {len(baru)} peserta, {len(hasil.tidak_dikenal)} tidak dikenal",
    )  # fmt: skip
    situs_cache_invalidate()
    return hasil

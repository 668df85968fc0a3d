"""OpenSID's resident workbook (``FormatImporExcel.xlsm``, sheet "Data Penduduk", 43
columns): import (all-or-nothing, per-row report) and export in the same format.

The import reads files the way villages write them: the sheet "Data Penduduk" or else
the first sheet; columns found by header name; stop at a ``###`` row; blank rows
skipped; dates as Excel dates or text; codes as numbers or text; ``-``/empty RW/RT mean
none. NIK-structure findings are warnings unless the village set them to errors;
missing or malformed NIK/KK, unknown codes and inconsistent families are errors. On any
error nothing is written. The write is a handful of bulk statements (OpenSID needed 44 s
for 10k rows, row by row).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.spreadsheet_export import xlsx_row_safe
from balai_kernel.spreadsheet_guard import (
    MB,
    CheckResult,
    FormulaCell,
    SpreadsheetRejected,
    cell_text,
    shorten,
    xlsx_check,
)
from village_apps import referensi as c
from village_apps.penduduk.models import NikMode, Penduduk
from village_apps.penduduk.validation import nik_temuan_struktur, nomor_16_digit
from village_apps.wilayah.models import RT, RW, Dusun

KOLOM = [
    "alamat", "dusun", "rw", "rt", "nama", "no_kk", "nik", "sex", "tempatlahir",
    "tanggallahir", "agama_id", "pendidikan_kk_id", "pendidikan_sedang_id", "pekerjaan_id",
    "status_kawin", "kk_level", "warganegara_id", "ayah_nik", "nama_ayah", "ibu_nik",
    "nama_ibu", "golongan_darah_id", "akta_lahir", "dokumen_pasport", "tanggal_akhir_paspor",
    "dokumen_kitas", "akta_perkawinan", "tanggalperkawinan", "akta_perceraian",
    "tanggalperceraian", "cacat_id", "cara_kb_id", "hamil", "ktp_el", "status_rekam",
    "alamat_sekarang", "status_dasar", "suku", "tag_id_card", "id_asuransi", "no_asuransi",
    "lat", "lng",
]  # fmt: skip
SHEET = "Data Penduduk"
TANGGAL = ("tanggallahir", "tanggal_akhir_paspor", "tanggalperkawinan", "tanggalperceraian")
TEKS = (
    "alamat", "nama", "tempatlahir", "ayah_nik", "nama_ayah", "ibu_nik", "nama_ibu",
    "akta_lahir", "dokumen_pasport", "dokumen_kitas", "akta_perkawinan", "akta_perceraian",
    "alamat_sekarang", "suku", "tag_id_card", "no_asuransi",
)  # fmt: skip
WAJIB_KODE = ("sex", "agama_id")
EKSTENSI = (".xlsx", ".xlsm")
# Limits of one import (docs/kependudukan.md): a village larger than this imports in
# several files (the second with "perbarui" if they overlap).
MAKS_BARIS = 50_000
MAKS_TERBUKA = 150 * MB  # the workbook's XML once decompressed (50,000 rows ≈ 50–80 MB)
MAKS_NILAI_LAPORAN = 100  # characters of a cell repeated in the report
_PANJANG = {
    f.name: f.max_length for f in Penduduk._meta.concrete_fields if getattr(f, "max_length", None)
}
_PANJANG_WILAYAH = {
    k: m._meta.get_field("nama").max_length for k, m in (("dusun", Dusun), ("rw", RW), ("rt", RT))
}
_TEXT_DATE = [
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), (3, 2, 1)),
]
_KODE_SAH = {name: {int(v) for v in enum.values} for name, enum in c.CODE_FIELDS.items()}
_STATUS_KE_PERISTIWA = {2: 2, 3: 3, 4: 4, 6: 6, 9: 9}  # status dasar → exit event code


@dataclass
class Temuan:
    """One finding of the import report (row numbers are the sheet's)."""

    baris: int
    kolom: str
    nilai: str
    pesan: str

    def __post_init__(self) -> None:
        # A 1 MB cell on every row must not become a report of gigabytes.
        self.nilai = shorten(self.nilai, MAKS_NILAI_LAPORAN)

    def as_dict(self) -> dict[str, Any]:
        return {"baris": self.baris, "kolom": self.kolom, "nilai": self.nilai, "pesan": self.pesan}


@dataclass
class HasilImpor:
    """What the import did (or would have done): counts, warnings, errors."""

    ok: bool = False
    baris: int = 0
    created: dict[str, int] = field(
        default_factory=lambda: {"penduduk": 0, "keluarga": 0, "rumah_tangga": 0, "wilayah": 0}
    )
    updated: dict[str, int] = field(
        default_factory=lambda: {"penduduk": 0, "keluarga": 0, "rumah_tangga": 0, "wilayah": 0}
    )
    warnings: list[Temuan] = field(default_factory=list)
    errors: list[Temuan] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "baris": self.baris,
            "created": self.created,
            "updated": self.updated,
            "warnings": [t.as_dict() for t in self.warnings],
            "errors": [t.as_dict() for t in self.errors],
        }


class BerkasDitolak(Exception):
    """The file is not a readable OpenSID workbook (wrong type, no header…)."""


# --- reading -------------------------------------------------------------------------


def _teks(value: Any) -> str:
    """``cell_text`` (no ``.0``, no control characters), a date-time cell as its date."""
    return cell_text(value.date() if isinstance(value, datetime) else value)


def _nomor(value: Any) -> str:
    """NIK/KK as text; numbers typed into Excel lose nothing below 2^53."""
    text = _teks(value).replace(" ", "")
    return text[1:] if text.startswith("'") else text


def _tanggal(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    text = str(value).strip()
    for pattern, (y, m, d) in _TEXT_DATE:
        match = pattern.match(text)
        if match:
            return date(int(match[y]), int(match[m]), int(match[d]))
    raise ValueError(text)


def _kode(value: Any) -> int | None:
    text = _teks(value)
    if text in ("", "-"):
        return None
    try:
        return int(float(text))
    except OverflowError as exc:  # "inf", 1e400
        raise ValueError(text) from exc


def berkas_periksa(source: str | Path | IO[bytes], name: str) -> CheckResult:
    """Refuse what is not an OpenSID workbook before anything parses it: the extension,
    then the archive (bombs, lying sizes, cells beyond ``MAKS_BARIS`` rows or far to
    the right, see ``balai_kernel.spreadsheet_export``). Raises ``BerkasDitolak``; returns what
    the guard found on the way (formula cells without a saved value)."""
    if not name.lower().endswith(EKSTENSI):
        raise BerkasDitolak(
            _("Berkas harus berformat Excel .xlsx atau .xlsm (format impor OpenSID).")
        )
    try:
        return xlsx_check(source, maks_bytes=MAKS_TERBUKA, maks_baris=MAKS_BARIS)
    except SpreadsheetRejected as exc:
        raise BerkasDitolak(str(exc)) from exc


def _rows(
    source: str | Path | IO[bytes], name: str
) -> Iterator[tuple[int, dict[str, Any], list[FormulaCell]]]:
    """(sheet row number, {column: value}, formula cells without a saved value) for
    every data row up to the ``###`` marker; a row whose only content is such formulas
    is not skipped as blank (calamine reads them as empty).

    Read with calamine (Rust): openpyxl needed ~10 s for 10k × 43 cells."""
    from python_calamine import CalamineError, CalamineWorkbook

    periksa = berkas_periksa(source, name)
    try:
        if isinstance(source, str | Path):
            wb = CalamineWorkbook.from_path(str(source))
        else:
            wb = CalamineWorkbook.from_filelike(source)
        nama_lembar = SHEET if SHEET in wb.sheet_names else wb.sheet_names[0]
        sheet = wb.get_sheet_by_name(nama_lembar)
        if sheet.height > MAKS_BARIS + 1:
            raise BerkasDitolak(
                _("Berkas berisi %(n)s baris; paling banyak %(maks)s baris data per impor.")
                % {"n": sheet.height - 1, "maks": MAKS_BARIS}
            )
        table = sheet.to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError, IndexError) as exc:
        raise BerkasDitolak(_("Berkas tidak dapat dibaca sebagai Excel.")) from exc
    header = table[0] if table else []
    index = {n: i for i, n in enumerate(_teks(h).lower() for h in header) if n in KOLOM}
    if not {"nama", "nik", "no_kk"} <= index.keys():
        raise BerkasDitolak(
            _("Baris pertama harus berisi nama kolom format OpenSID (nama, no_kk, nik, …).")
        )
    rumus: dict[int, list[FormulaCell]] = defaultdict(list)
    for sel in periksa.rumus(nama_lembar).temuan({i + 1: k for k, i in index.items()}):
        rumus[sel.baris].append(sel)
    for number, row in enumerate(table[1:], start=2):
        if any(_teks(v) == "###" for v in row):
            break
        if all(_teks(v) == "" for v in row) and number not in rumus:
            continue
        raw = {k: (row[i] if i < len(row) else None) for k, i in index.items()}
        yield number, raw, rumus.get(number, [])
    else:  # formula-only rows after calamine's last non-empty row (it trims them)
        for number in sorted(n for n in rumus if n > len(table)):
            yield number, dict.fromkeys(index), rumus[number]


# --- validating ----------------------------------------------------------------------


@dataclass
class _Baris:
    nomor: int
    data: dict[str, Any]
    no_kk: str
    wilayah: tuple[str, str, str] | None


def _periksa(
    nomor: int, raw: dict[str, Any], hasil: HasilImpor, struktur_error: bool, cache: dict
) -> _Baris | None:
    err_before = len(hasil.errors)

    def galat(kolom: str, nilai: Any, pesan: str) -> None:
        hasil.errors.append(Temuan(nomor, kolom, _teks(nilai), pesan))

    data: dict[str, Any] = {}
    for k in TEKS:
        data[k] = _teks(raw.get(k))
        if len(data[k]) > _PANJANG[k]:
            hasil.warnings.append(
                Temuan(
                    nomor,
                    k,
                    data[k],
                    _("Teks lebih dari %(n)s karakter; dipotong.") % {"n": _PANJANG[k]},
                )
            )
            data[k] = data[k][: _PANJANG[k]]
    for k in ("ayah_nik", "ibu_nik"):
        data[k] = _nomor(raw.get(k))[:16]
    if not data["nama"]:
        galat("nama", "", _("Nama wajib diisi."))
    nik, no_kk = _nomor(raw.get("nik")), _nomor(raw.get("no_kk"))
    if not nomor_16_digit(nik):
        galat("nik", nik, _("NIK wajib diisi dan harus 16 angka."))
    if not nomor_16_digit(no_kk):
        galat("no_kk", no_kk, _("Nomor KK wajib diisi dan harus 16 angka."))
    data["nik"] = nik
    for k in TANGGAL:
        try:
            data[k] = _tanggal(raw.get(k))
        except (ValueError, TypeError, OverflowError):
            pesan = _("Tanggal tidak dikenali (pakai tanggal Excel, YYYY-MM-DD atau DD-MM-YYYY).")
            if k == "tanggallahir":
                galat(k, raw.get(k), pesan)
            else:  # a secondary document date: keep the row, drop the value, say so
                kosong = _("Kolom dikosongkan.")
                hasil.warnings.append(Temuan(nomor, k, _teks(raw.get(k)), f"{pesan} {kosong}"))
            data[k] = None
    for k, sah in _KODE_SAH.items():
        try:
            kode = _kode(raw.get(k))
        except ValueError:
            galat(k, raw.get(k), _("Kode harus berupa angka."))
            continue
        if kode is None:
            if k in WAJIB_KODE:
                galat(k, "", _("Kode wajib diisi."))
        elif kode not in sah:
            galat(k, raw.get(k), _("Kode %(kode)s tidak dikenal untuk kolom ini.") % {"kode": kode})
            kode = None
        data[k] = kode
    data["status_dasar"] = data.get("status_dasar") or c.StatusDasar.HIDUP
    data["warganegara_id"] = data.get("warganegara_id") or c.Warganegara.WNI
    for k, batas in (("lat", 90), ("lng", 180)):
        text = _teks(raw.get(k))
        try:
            angka = Decimal(text) if text else None
            if angka is not None and not (angka.is_finite() and abs(angka) <= batas):
                raise InvalidOperation
            data[k] = angka.quantize(Decimal("0.0000001")) if angka is not None else None
        except InvalidOperation:
            galat(k, text, _("Koordinat harus angka antara -%(b)s dan %(b)s.") % {"b": batas})
    if len(hasil.errors) > err_before:
        return None
    for pesan in nik_temuan_struktur(
        nik, tanggallahir=data["tanggallahir"], sex=data["sex"], cache=cache
    ):
        (hasil.errors if struktur_error else hasil.warnings).append(
            Temuan(nomor, "nik", nik, pesan)
        )
    if struktur_error and len(hasil.errors) > err_before:
        return None
    dusun = _teks(raw.get("dusun"))
    wilayah = (dusun, _teks(raw.get("rw")) or "-", _teks(raw.get("rt")) or "-") if dusun else None
    for k, nilai in zip(("dusun", "rw", "rt"), wilayah or (), strict=False):
        if len(nilai) > _PANJANG_WILAYAH[k]:
            galat(
                k,
                nilai,
                _("Nama %(k)s paling panjang %(n)s karakter.")
                % {"k": k.upper() if k != "dusun" else "dusun", "n": _PANJANG_WILAYAH[k]},
            )
    if len(hasil.errors) > err_before:
        return None
    return _Baris(nomor, data, no_kk, wilayah)


# --- writing -------------------------------------------------------------------------


def _wilayah(keys: set[tuple[str, str, str]], hasil: HasilImpor) -> dict[tuple[str, str, str], int]:
    dusun = {d.nama: d for d in Dusun.objects.all()}
    baru = [Dusun(nama=n) for n in sorted({k[0] for k in keys} - dusun.keys())]
    for d in Dusun.objects.bulk_create(baru):
        dusun[d.nama] = d
    rws = {(r.dusun_id, r.nama): r for r in RW.objects.all()}
    baru_rw = [
        RW(dusun=dusun[d], nama=w)
        for d, w in sorted({(k[0], k[1]) for k in keys})
        if (dusun[d].pk, w) not in rws
    ]
    for r in RW.objects.bulk_create(baru_rw):
        rws[(r.dusun_id, r.nama)] = r
    rts = {(t.rw_id, t.nama): t for t in RT.objects.all()}
    baru_rt = []
    for d, w, t in sorted(keys):
        rw = rws[(dusun[d].pk, w)]
        if (rw.pk, t) not in rts:
            rts[(rw.pk, t)] = RT(rw=rw, nama=t)
            baru_rt.append(rts[(rw.pk, t)])
    RT.objects.bulk_create(baru_rt)
    hasil.created["wilayah"] = len(baru) + len(baru_rw) + len(baru_rt)
    return {(d, w, t): rts[(rws[(dusun[d].pk, w)].pk, t)].pk for d, w, t in keys}


def _flag_ganda() -> None:
    with connection.cursor() as cur:
        cur.execute(
            """UPDATE penduduk_penduduk p SET kemungkinan_ganda = true
               FROM (SELECT upper(nama) n, tanggallahir t FROM penduduk_penduduk
                     WHERE tanggallahir IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) g
               WHERE upper(p.nama) = g.n AND p.tanggallahir = g.t AND NOT p.kemungkinan_ganda"""
        )


def penduduk_impor_excel(
    *,
    source: str | Path | IO[bytes],
    nama_berkas: str,
    perbarui: bool = False,
    actor: Actor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> HasilImpor:
    """Import an OpenSID resident workbook into the current village, all or nothing.

    ``perbarui`` updates residents whose NIK exists (otherwise that is an error).
    Returns the report; writes nothing when ``errors`` is non-empty. Raises
    ``BerkasDitolak`` for a file that is not a readable workbook."""
    from village_apps.keluarga.models import Keluarga
    from village_apps.penduduk.selectors import pengaturan_get

    hasil = HasilImpor()
    struktur_error = pengaturan_get().nik_struktur == NikMode.ERROR
    rows: list[_Baris] = []
    nik_baris: dict[str, int] = {}
    prefix_cache: dict[str, bool | None] = {}
    for nomor, raw, rumus in _rows(source, nama_berkas):
        hasil.baris += 1
        if rumus:  # the row's empty cells are not what the sheet shows: refuse the file
            hasil.errors += [Temuan(nomor, r.kolom, r.rumus, r.pesan) for r in rumus]
            continue
        baris = _periksa(nomor, raw, hasil, struktur_error, prefix_cache)
        if baris is None:
            continue
        nik = baris.data["nik"]
        if nik in nik_baris:
            hasil.errors.append(
                Temuan(nomor, "nik", nik, _("NIK sama dengan baris %(b)d.") % {"b": nik_baris[nik]})
            )
            continue
        nik_baris[nik] = nomor
        rows.append(baris)
        if progress and hasil.baris % 1000 == 0:
            progress(hasil.baris, 0)
    if hasil.baris == 0:
        hasil.errors.append(Temuan(0, "", "", _("Tidak ada baris data penduduk di berkas.")))

    # Family consistency: one wilayah per KK, at most one head per KK.
    per_kk: dict[str, list[_Baris]] = defaultdict(list)
    for b in rows:
        per_kk[b.no_kk].append(b)
    existing_kk = {k.no_kk: k for k in Keluarga.objects.filter(no_kk__in=list(per_kk))}
    existing = {p.nik: p for p in Penduduk.objects.filter(nik__in=list(nik_baris))}
    for no_kk, anggota in per_kk.items():
        wil = {b.wilayah for b in anggota}
        if len(wil) > 1:
            for b in anggota[1:]:
                if b.wilayah != anggota[0].wilayah:
                    hasil.errors.append(
                        Temuan(
                            b.nomor,
                            "no_kk",
                            no_kk,
                            _("Anggota satu KK harus di dusun/RW/RT yang sama (lihat baris %(b)d).")
                            % {"b": anggota[0].nomor},
                        )
                    )
        kepala = [b for b in anggota if b.data["kk_level"] == c.SHDK.KEPALA_KELUARGA]
        for b in kepala[1:]:
            hasil.errors.append(
                Temuan(
                    b.nomor,
                    "kk_level",
                    "1",
                    _("KK ini sudah punya kepala keluarga di baris %(b)d.")
                    % {"b": kepala[0].nomor},
                )
            )
        kk = existing_kk.get(no_kk)
        if (
            kepala
            and kk is not None
            and kk.kepala_id
            and (
                existing.get(kepala[0].data["nik"]) is None
                or existing[kepala[0].data["nik"]].pk != kk.kepala_id
            )
        ):
            hasil.errors.append(
                Temuan(
                    kepala[0].nomor,
                    "kk_level",
                    "1",
                    _("KK ini sudah punya kepala keluarga di data desa."),
                )
            )
        if not kepala and (kk is None or not kk.kepala_id):
            hasil.warnings.append(
                Temuan(
                    anggota[0].nomor,
                    "no_kk",
                    no_kk,
                    _("KK ini tidak punya kepala keluarga (SHDK 1)."),
                )
            )
    if not perbarui:
        for b in rows:
            if b.data["nik"] in existing:
                hasil.errors.append(
                    Temuan(
                        b.nomor,
                        "nik",
                        b.data["nik"],
                        _("NIK sudah terdaftar; pilih 'perbarui data' untuk memperbarui."),
                    )
                )
    if hasil.errors:
        hasil.errors.sort(key=lambda t: (t.baris, t.kolom))
        return hasil

    with transaction.atomic():
        _tulis(rows, per_kk, existing, existing_kk, hasil, actor)
        from village_apps.audit.choices import AuditAction
        from village_apps.audit.services import audit_record

        audit_record(
            action=AuditAction.IMPORT,
            object_type="penduduk",
            summary=f"impor excel: {hasil.created['penduduk']} baru, {hasil.updated['penduduk']} diperbarui",
            actor=actor,
        )
    hasil.ok = True
    if progress:
        progress(hasil.baris, hasil.baris)
    return hasil


def _copy(model: type, columns: list[str], rows: list[tuple]) -> None:
    """COPY rows into a table of the current schema (much cheaper than INSERTs)."""
    table = model._meta.db_table
    with (
        connection.cursor() as cur,
        cur.cursor.copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN"  # noqa: S608 - names from the model
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _copy_penduduk(values: list[dict[str, Any]]) -> None:
    """New residents by COPY: every concrete column, Django defaults filled in."""
    now = timezone.now()
    fields = [f for f in Penduduk._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    defaults.update(created_at=now, updated_at=now, foto="", kemungkinan_ganda=False)
    columns = [f.attname for f in fields]
    _copy(Penduduk, columns, [tuple({**defaults, **v}[c] for c in columns) for v in values])


def _tulis(rows, per_kk, existing, existing_kk, hasil: HasilImpor, actor: Actor | None) -> None:
    from village_apps.keluarga.models import Keluarga
    from village_apps.peristiwa.choices import KodePeristiwa
    from village_apps.peristiwa.models import LogPenduduk

    today = timezone.localdate()
    wil_ids = _wilayah({b.wilayah for b in rows if b.wilayah}, hasil)
    baru_kk = [
        Keluarga(
            no_kk=no_kk,
            alamat=anggota[0].data["alamat"],
            wilayah_id=wil_ids.get(anggota[0].wilayah) if anggota[0].wilayah else None,
            tgl_daftar=today,
        )
        for no_kk, anggota in per_kk.items()
        if no_kk not in existing_kk
    ]
    Keluarga.objects.bulk_create(baru_kk, batch_size=2000)
    hasil.created["keluarga"] = len(baru_kk)
    kk_ids = {k.no_kk: k.pk for k in [*existing_kk.values(), *baru_kk]}

    fields = [k for k in KOLOM if k not in ("no_kk", "dusun", "rw", "rt")]
    create, update, logs = [], [], []
    for b in rows:
        values = {k: b.data[k] for k in fields}
        values["keluarga_id"] = kk_ids[b.no_kk]
        values["wilayah_id"] = wil_ids.get(b.wilayah) if b.wilayah else None
        old = existing.get(b.data["nik"])
        if old is None:
            create.append(values)
            continue
        before = old.status_dasar
        for k, v in values.items():
            setattr(old, k, v)
        update.append(old)
        if before == c.StatusDasar.HIDUP and old.status_dasar != before:
            logs.append((old, _STATUS_KE_PERISTIWA[old.status_dasar]))
        elif before != c.StatusDasar.HIDUP and old.status_dasar == c.StatusDasar.HIDUP:
            logs.append((old, KodePeristiwa.KEMBALI))
    _copy_penduduk(create)
    if update:
        Penduduk.objects.bulk_update(
            update, [*fields, "keluarga_id", "wilayah_id"], batch_size=1000
        )
    hasil.created["penduduk"], hasil.updated["penduduk"] = len(create), len(update)
    user_id = actor.user_id if actor is not None else None
    now = timezone.now()
    log_rows = [
        (p.pk, kode, today, today, p.sex, None, "", "", "", "", user_id, now) for p, kode in logs
    ]
    ids = dict(Penduduk.objects.filter(nik__in=[v["nik"] for v in create]).values_list("nik", "id"))
    log_rows += [
        (
            ids[v["nik"]],
            KodePeristiwa.DATA_AWAL,
            today,
            today,
            v["sex"],
            None,
            "",
            "",
            "",
            "",
            user_id,
            now,
        )
        for v in create
        if v["status_dasar"] == c.StatusDasar.HIDUP
    ]
    _copy(
        LogPenduduk,
        [
            "penduduk_id",
            "kode_peristiwa",
            "tanggal_peristiwa",
            "tanggal_lapor",
            "sex",
            "ref_pindah",
            "meninggal_di",
            "alamat_tujuan",
            "catatan",
            "no_kk",
            "created_by_id",
            "created_at",
        ],  # fmt: skip
        log_rows,
    )
    # Heads: one UPDATE for all families that got a head in this file.
    with connection.cursor() as cur:
        cur.execute(
            """UPDATE keluarga_keluarga k SET kepala_id = p.id
               FROM penduduk_penduduk p
               WHERE p.keluarga_id = k.id AND p.kk_level = 1 AND p.nik = ANY(%s)""",
            [[b.data["nik"] for b in rows if b.data["kk_level"] == c.SHDK.KEPALA_KELUARGA]],
        )
    _flag_ganda()
    ganda = set(
        Penduduk.objects.filter(
            kemungkinan_ganda=True, nik__in=[b.data["nik"] for b in rows]
        ).values_list("nik", flat=True)
    )
    for b in rows:
        if b.data["nik"] in ganda:
            hasil.warnings.append(
                Temuan(
                    b.nomor,
                    "nama",
                    b.data["nama"],
                    _("Kemungkinan data ganda: nama dan tanggal lahir sama dengan penduduk lain."),
                )
            )


# --- export --------------------------------------------------------------------------


def penduduk_ekspor_excel(*, target: str | Path | IO[bytes], actor: Actor | None = None) -> int:
    """Write every resident of the village in OpenSID's 43-column format (sheet "Data
    Penduduk", codes as numbers) and audit the export. Returns the row count."""
    from openpyxl import Workbook

    from village_apps.audit.choices import AuditAction
    from village_apps.audit.services import audit_record

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    ws.append(KOLOM)
    n = 0
    qs = (
        Penduduk.objects.select_related("keluarga", "wilayah__rw__dusun")
        .order_by("keluarga__no_kk", "kk_level", "id")
        .iterator(chunk_size=2000)
    )
    for p in qs:
        wil = p.wilayah
        row = []
        for k in KOLOM:
            if k == "dusun":
                row.append(wil.rw.dusun.nama if wil else "")
            elif k == "rw":
                row.append(wil.rw.nama if wil else "")
            elif k == "rt":
                row.append(wil.nama if wil else "")
            elif k == "no_kk":
                row.append(p.keluarga.no_kk if p.keluarga_id else "")
            elif k in ("lat", "lng"):
                v = getattr(p, k)
                row.append(str(v) if v is not None else None)
            else:
                row.append(getattr(p, k))
        ws.append(xlsx_row_safe(ws, row))
        n += 1
    wb.save(target)
    audit_record(
        action=AuditAction.EXPORT,
        object_type="penduduk",
        summary=f"ekspor excel {n} baris",
        actor=actor,
    )
    return n

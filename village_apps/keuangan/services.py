"""Writing the APBDes: years, detail rows, and the Excel import (docs/apbdes-import.md).

Every write validates codes against the Permendagri 20/2018 structure and the rule
that only detail rows are stored (a row may not be the parent of another), writes
an audit row, and retires the village's cached public pages after commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.numbers import percent_format, rupiah
from balai_kernel.spreadsheet_guard import MB, SpreadsheetRejected, cell_text, shorten, xlsx_check
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.keuangan.choices import CONTOH_KODE, POLA_KODE, Kelompok
from village_apps.keuangan.models import Apbdes, BarisApbdes
from village_apps.web.cache import situs_cache_invalidate

KOLOM_IMPOR = [
    "Kelompok",
    "Kode",
    "Uraian",
    "Anggaran",
    "Realisasi Semester 1",
    "Realisasi Semester 2",
]
MAKS_BARIS_IMPOR = 5000
MAKS_TERBUKA_IMPOR = 20 * MB  # the workbook once decompressed


@transaction.atomic
def apbdes_create(*, tahun: int, keterangan: str = "", actor: Actor | None = None) -> Apbdes:
    """Open a budget year (empty)."""
    if Apbdes.objects.filter(tahun=tahun).exists():
        raise ValidationError(_("APBDes tahun %(tahun)s sudah ada.") % {"tahun": tahun})
    apbdes = Apbdes(tahun=tahun, keterangan=keterangan.strip())
    apbdes.full_clean()
    apbdes.save()
    audit_record(
        action=AuditAction.CREATE, object_type="keuangan.apbdes", object_id=apbdes.pk, actor=actor
    )
    situs_cache_invalidate()
    return apbdes


def _periksa_kode(kelompok: str, kode: str, lain: list[str]) -> None:
    if kelompok not in Kelompok.values:
        raise ValidationError(_("Kelompok harus Pendapatan, Belanja atau Pembiayaan."))
    if not POLA_KODE[kelompok].match(kode):
        raise ValidationError(
            _("Kode %(kode)s tidak sesuai struktur %(kelompok)s; contoh: %(contoh)s.")
            % {
                "kode": shorten(kode, 30),
                "kelompok": Kelompok(kelompok).label,
                "contoh": CONTOH_KODE[kelompok],
            }
        )
    for k in lain:
        if k == kode:
            raise ValidationError(_("Kode %(kode)s sudah ada.") % {"kode": kode})
        if k.startswith(kode + ".") or kode.startswith(k + "."):
            induk, anak = sorted([k, kode], key=len)
            raise ValidationError(
                _(
                    "Kode %(induk)s adalah induk dari %(anak)s: isi hanya rincian terbawah, jumlahnya dihitung otomatis."
                )
                % {"induk": induk, "anak": anak}
            )


def _jumlah(nilai: Any, nama: str) -> Decimal:
    if nilai in (None, ""):
        return Decimal("0")
    try:
        angka = Decimal(str(nilai).replace(" ", ""))
        if not angka.is_finite():  # "NaN", "Infinity"
            raise InvalidOperation
        angka = angka.quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValidationError(_("%(nama)s harus berupa angka.") % {"nama": nama}) from exc
    if angka < 0:
        raise ValidationError(_("%(nama)s tidak boleh negatif.") % {"nama": nama})
    if angka >= Decimal("1e13"):
        raise ValidationError(_("%(nama)s terlalu besar.") % {"nama": nama})
    return angka


LEBIH_ANGGARAN = "realisasi_lebih"


def _periksa_lebih(anggaran: Decimal, realisasi: Decimal, *, dikonfirmasi: bool) -> None:
    """Realisation above the budget is refused unless the treasurer confirms it: it is
    possible (revenue above target, a late budget change) but usually a typing error,
    so it must never go through silently. Public pages flag such rows."""
    if realisasi <= anggaran or dikonfirmasi:
        return
    persen = percent_format(realisasi / anggaran * 100) if anggaran else "–"
    raise ValidationError(
        _(
            "Realisasi %(realisasi)s melebihi anggaran %(anggaran)s (%(persen)s). Jika "
            "memang benar, centang “Realisasi memang melebihi anggaran” lalu ulangi."
        )
        % {"realisasi": rupiah(realisasi), "anggaran": rupiah(anggaran), "persen": persen},
        code=LEBIH_ANGGARAN,
    )


@transaction.atomic
def baris_save(
    *,
    apbdes: Apbdes,
    kelompok: str,
    kode: str,
    uraian: str,
    anggaran: Any = 0,
    realisasi_s1: Any = 0,
    realisasi_s2: Any = 0,
    baris: BarisApbdes | None = None,
    konfirmasi_lebih: bool = False,
    actor: Actor | None = None,
) -> BarisApbdes:
    """Add or change one detail row. Realisation above the budget needs
    ``konfirmasi_lebih`` (``ValidationError`` with code ``LEBIH_ANGGARAN`` otherwise);
    the confirmation is written in the audit row."""
    kode = kode.strip()
    lain = list(
        BarisApbdes.objects.filter(apbdes=apbdes, kelompok=kelompok)
        .exclude(pk=getattr(baris, "pk", None))
        .values_list("kode", flat=True)
    )
    _periksa_kode(kelompok, kode, lain)
    baru = baris is None
    baris = baris or BarisApbdes(apbdes=apbdes)
    baris.kelompok, baris.kode, baris.uraian = kelompok, kode, uraian.strip()
    baris.anggaran = _jumlah(anggaran, _("Anggaran"))
    baris.realisasi_s1 = _jumlah(realisasi_s1, _("Realisasi semester I"))
    baris.realisasi_s2 = _jumlah(realisasi_s2, _("Realisasi semester II"))
    if not baris.uraian:
        raise ValidationError(_("Uraian wajib diisi."))
    realisasi = baris.realisasi_s1 + baris.realisasi_s2
    _periksa_lebih(baris.anggaran, realisasi, dikonfirmasi=konfirmasi_lebih)
    baris.save()
    apbdes.save(update_fields=["diubah_pada"])
    lebih = " (realisasi melebihi anggaran, dikonfirmasi)" if realisasi > baris.anggaran else ""
    audit_record(
        action=AuditAction.CREATE if baru else AuditAction.UPDATE,
        object_type="keuangan.baris",
        object_id=baris.pk,
        summary=f"APBDes {apbdes.tahun} {kelompok} {kode}{lebih}",
        actor=actor,
    )
    situs_cache_invalidate()
    return baris


@transaction.atomic
def baris_delete(*, baris: BarisApbdes, actor: Actor | None = None) -> None:
    """Remove one detail row."""
    audit_record(
        action=AuditAction.DELETE,
        object_type="keuangan.baris",
        object_id=baris.pk,
        summary=f"APBDes {baris.apbdes.tahun} {baris.kelompok} {baris.kode}",
        actor=actor,
    )
    baris.delete()
    situs_cache_invalidate()


@dataclass
class HasilImpor:
    tahun: int
    jumlah_baris: int = 0
    kesalahan: list[str] = field(default_factory=list)

    @property
    def berhasil(self) -> bool:
        return not self.kesalahan


def _kelompok_dari(teks: Any) -> str:
    t = str(teks or "").strip().lower()
    for k in Kelompok:
        if t in (k.value, str(k.label).lower()):
            return k.value
    return t


@transaction.atomic
def apbdes_impor(
    *,
    tahun: int,
    berkas: IO[bytes],
    konfirmasi_lebih: bool = False,
    actor: Actor | None = None,
) -> HasilImpor:
    """Replace a year's rows with the sheet "APBDes" of an Excel file (layout in
    docs/apbdes-import.md). All or nothing: one bad row and nothing changes; every
    problem is reported with its row number. A row realised above its budget is such
    a problem unless ``konfirmasi_lebih`` (the same rule as ``baris_save``). Formulas are read as the value Excel
    saved for them (never evaluated); one without a saved value (a file written by a
    tool that does not compute formulas) is a row error, not an amount of 0. The file
    is checked for bombs first; that same pass finds those formula cells."""
    from openpyxl import load_workbook

    hasil = HasilImpor(tahun=tahun)
    try:
        periksa = xlsx_check(berkas, maks_bytes=MAKS_TERBUKA_IMPOR, maks_baris=MAKS_BARIS_IMPOR)
        buku = load_workbook(berkas, read_only=True, data_only=True)
        lembar = buku["APBDes"] if "APBDes" in buku.sheetnames else buku.worksheets[0]
        baris_excel = list(
            lembar.iter_rows(values_only=True, max_row=MAKS_BARIS_IMPOR + 1, max_col=6)
        )
    except SpreadsheetRejected as exc:
        hasil.kesalahan.append(str(exc))
        return hasil
    except Exception:  # noqa: BLE001 - any unreadable upload gets the same answer
        hasil.kesalahan.append(_("Berkas bukan Excel (.xlsx) yang dapat dibaca."))
        return hasil
    if not baris_excel or [str(c or "").strip() for c in baris_excel[0][:6]] != KOLOM_IMPOR:
        hasil.kesalahan.append(
            _("Baris judul harus: %(kolom)s.") % {"kolom": " | ".join(KOLOM_IMPOR)}
        )
        return hasil
    apbdes = Apbdes.objects.filter(tahun=tahun).first() or Apbdes(tahun=tahun)
    try:
        apbdes.full_clean(validate_unique=False)
    except ValidationError:
        hasil.kesalahan.append(_("Tahun anggaran tidak sah."))
        return hasil
    siap: list[BarisApbdes] = []
    kode_per: dict[str, list[str]] = {k: [] for k in Kelompok.values}
    rumus: dict[int, list[str]] = {}
    for r in periksa.rumus(lembar.title).temuan(
        dict(enumerate(KOLOM_IMPOR, start=1)), angka={4, 5, 6}
    ):
        rumus.setdefault(r.baris, []).append(
            _("Baris %(n)s, kolom %(kolom)s: %(pesan)s")
            % {"n": r.baris, "kolom": r.kolom, "pesan": r.pesan}
        )
    for nomor, sel in enumerate(baris_excel[1:], start=2):
        sel = (*sel, *([None] * 6))[:6]
        if nomor in rumus:  # its empty cells are not what Excel shows: never 0
            hasil.kesalahan += rumus.pop(nomor)
            continue
        if all(c in (None, "") for c in sel):
            continue
        kelompok, kode, uraian = (
            _kelompok_dari(cell_text(sel[0])),
            cell_text(sel[1]),
            cell_text(sel[2]),
        )
        try:
            _periksa_kode(kelompok, kode, kode_per.get(kelompok, []))
            if not uraian:
                raise ValidationError(_("Uraian wajib diisi."))
            b = BarisApbdes(
                kelompok=kelompok,
                kode=kode,
                uraian=uraian[:255],
                anggaran=_jumlah(sel[3], _("Anggaran")),
                realisasi_s1=_jumlah(sel[4], _("Realisasi semester I")),
                realisasi_s2=_jumlah(sel[5], _("Realisasi semester II")),
            )
            _periksa_lebih(
                b.anggaran, b.realisasi_s1 + b.realisasi_s2, dikonfirmasi=konfirmasi_lebih
            )
        except ValidationError as exc:
            hasil.kesalahan.append(
                _("Baris %(n)s: %(pesan)s") % {"n": nomor, "pesan": " ".join(exc.messages)}
            )
            continue
        kode_per[kelompok].append(kode)
        siap.append(b)
    for nomor in sorted(rumus):  # formula-only rows past the last row openpyxl gave
        hasil.kesalahan += rumus[nomor]
    if not siap and not hasil.kesalahan:
        hasil.kesalahan.append(_("Tidak ada baris data."))
    if hasil.kesalahan:
        return hasil
    apbdes.save()
    apbdes.baris.all().delete()
    for b in siap:
        b.apbdes = apbdes
    BarisApbdes.objects.bulk_create(siap)
    hasil.jumlah_baris = len(siap)
    lebih = sum(1 for b in siap if b.realisasi_s1 + b.realisasi_s2 > b.anggaran)
    audit_record(
        action=AuditAction.IMPORT,
        object_type="keuangan.apbdes",
        object_id=apbdes.pk,
        summary=f"APBDes {tahun}: {len(siap)} baris"
        + (f", {lebih} melebihi anggaran (dikonfirmasi)" if lebih else ""),
        actor=actor,
    )
    situs_cache_invalidate()
    return hasil


def apbdes_templat_xlsx() -> bytes:
    """An empty import workbook with the header row and one example per kelompok."""
    import io

    from openpyxl import Workbook

    buku = Workbook()
    lembar = buku.active
    lembar.title = "APBDes"
    lembar.append(KOLOM_IMPOR)
    lembar.append(["Pendapatan", "4.2.1", "Dana Desa", 850000000, 510000000, 0])
    lembar.append(["Belanja", "2.3.01", "Pembangunan jalan desa", 300000000, 120000000, 0])
    lembar.append(["Pembiayaan", "6.1.1", "SiLPA tahun sebelumnya", 25000000, 25000000, 0])
    for kolom, lebar in zip("ABCDEF", (14, 12, 48, 18, 22, 22), strict=True):
        lembar.column_dimensions[kolom].width = lebar
    keluar = io.BytesIO()
    buku.save(keluar)
    return keluar.getvalue()

"""Reads of the secretariat's registers (current village schema).

The Buku Agenda is one list in time order of three sources: incoming letters
(``SuratMasuk``), letters issued in Balai (read through ``surat.selectors.surat_list``,
never copied: see ``models``) and letters sent outside Balai (``SuratKeluarManual``).
One ``UNION ALL`` query pages them together, so a page costs the same whatever the
register holds.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Case, CharField, DateField, F, Q, QuerySet, Value, When
from django.db.models.functions import Concat
from django.utils import timezone

from village_apps.buku.registry import Periode
from village_apps.sekretariat.choices import JenisAgenda, StatusDisposisi
from village_apps.sekretariat.models import Disposisi, Ekspedisi, SuratKeluarManual, SuratMasuk
from village_apps.surat.choices import StatusSurat
from village_apps.surat.selectors import surat_list

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
# Where a letter's origin is shown: ``sumber`` of an agenda row.
SUMBER_MASUK, SUMBER_BALAI, SUMBER_MANUAL = "masuk", "balai", "manual"


def periode_get(*, tahun: Any = None, bulan: Any = None) -> Periode:
    """The period of a filter (a year, or a month of it); the current year for an empty,
    malformed or impossible one (a filter never answers an error page)."""
    try:
        return Periode(int(tahun), int(bulan) if bulan else None)
    except (TypeError, ValueError):
        return Periode(timezone.localdate().year)


# --- Buku Agenda ------------------------------------------------------------------------

_TEXT = CharField()
_DATE = DateField()


def _blank() -> Value:
    return Value("", output_field=_TEXT)


def _no_date() -> Value:
    return Value(None, output_field=_DATE)


AGENDA_FIELDS = (
    "a_jenis", "a_sumber", "a_id", "a_tanggal", "a_masuk_nomor", "a_masuk_tanggal",
    "a_pengirim", "a_masuk_isi", "a_keluar_nomor", "a_keluar_tanggal", "a_tujuan",
    "a_keluar_isi", "a_keterangan", "a_dicatat",
)  # fmt: skip


def _masuk_rows(periode: Periode, q: str) -> QuerySet:
    qs = SuratMasuk.objects.filter(tanggal_diterima__range=(periode.start, periode.end))
    if q:
        qs = qs.filter(
            Q(nomor_surat__icontains=q) | Q(pengirim__icontains=q) | Q(perihal__icontains=q)
        )
    return qs.annotate(
        a_jenis=Value(JenisAgenda.MASUK, output_field=_TEXT),
        a_sumber=Value(SUMBER_MASUK, output_field=_TEXT),
        a_id=F("id"),
        a_tanggal=F("tanggal_diterima"),
        a_masuk_nomor=F("nomor_surat"),
        a_masuk_tanggal=F("tanggal_surat"),
        a_pengirim=F("pengirim"),
        a_masuk_isi=F("perihal"),
        a_keluar_nomor=_blank(),
        a_keluar_tanggal=_no_date(),
        a_tujuan=_blank(),
        a_keluar_isi=_blank(),
        a_keterangan=F("keterangan"),
        a_dicatat=F("dibuat_pada"),
    ).values(*AGENDA_FIELDS)


def _manual_rows(periode: Periode, q: str) -> QuerySet:
    qs = SuratKeluarManual.objects.filter(tanggal_surat__range=(periode.start, periode.end))
    if q:
        qs = qs.filter(
            Q(nomor_surat__icontains=q) | Q(ditujukan_kepada__icontains=q) | Q(perihal__icontains=q)
        )
    return qs.annotate(
        a_jenis=Value(JenisAgenda.KELUAR, output_field=_TEXT),
        a_sumber=Value(SUMBER_MANUAL, output_field=_TEXT),
        a_id=F("id"),
        a_tanggal=F("tanggal_surat"),
        a_masuk_nomor=_blank(),
        a_masuk_tanggal=_no_date(),
        a_pengirim=_blank(),
        a_masuk_isi=_blank(),
        a_keluar_nomor=F("nomor_surat"),
        a_keluar_tanggal=F("tanggal_surat"),
        a_tujuan=F("ditujukan_kepada"),
        a_keluar_isi=F("perihal"),
        a_keterangan=F("keterangan"),
        a_dicatat=F("dibuat_pada"),
    ).values(*AGENDA_FIELDS)


def _balai_rows(periode: Periode, q: str) -> QuerySet:
    """Letters issued in Balai: addressed to the resident they certify; a revoked letter
    keeps its row and number, marked in the remarks."""
    qs = surat_list(q=q).filter(tanggal__range=(periode.start, periode.end))
    dicabut = Concat(Value("Dicabut: "), F("alasan_cabut"), output_field=_TEXT)
    return qs.annotate(
        a_jenis=Value(JenisAgenda.KELUAR, output_field=_TEXT),
        a_sumber=Value(SUMBER_BALAI, output_field=_TEXT),
        a_id=F("id"),
        a_tanggal=F("tanggal"),
        a_masuk_nomor=_blank(),
        a_masuk_tanggal=_no_date(),
        a_pengirim=_blank(),
        a_masuk_isi=_blank(),
        a_keluar_nomor=F("nomor"),
        a_keluar_tanggal=F("tanggal"),
        a_tujuan=F("nama_warga"),
        a_keluar_isi=F("perihal"),
        a_keterangan=Case(
            When(status=StatusSurat.DICABUT, then=dicabut), default=_blank(), output_field=_TEXT
        ),
        a_dicatat=F("dibuat_pada"),
    ).values(*AGENDA_FIELDS)


def agenda_list(*, periode: Periode, q: str = "", jenis: str = "") -> QuerySet:
    """The Buku Agenda of ``periode`` in time order (date received or sent, then when
    it was recorded): dicts of ``AGENDA_FIELDS``. ``jenis`` keeps one half (masuk or
    keluar); ``q`` searches numbers, senders, addressees and subjects."""
    q = (q or "").strip()[:100]
    parts: list[QuerySet] = []
    if jenis != JenisAgenda.KELUAR:
        parts.append(_masuk_rows(periode, q))
    if jenis != JenisAgenda.MASUK:
        parts += [_balai_rows(periode, q), _manual_rows(periode, q)]
    first, *rest = [p.order_by() for p in parts]
    union = first.union(*rest, all=True) if rest else first
    return union.order_by("a_tanggal", "a_dicatat", "a_sumber", "a_id")


# --- Surat masuk and dispositions -------------------------------------------------------


def surat_masuk_list(
    *, periode: Periode | None = None, q: str = "", status: str = ""
) -> QuerySet[SuratMasuk]:
    qs = SuratMasuk.objects.all()
    if periode is not None:
        qs = qs.filter(tanggal_diterima__range=(periode.start, periode.end))
    q = (q or "").strip()[:100]
    if q:
        qs = qs.filter(
            Q(nomor_surat__icontains=q) | Q(pengirim__icontains=q) | Q(perihal__icontains=q)
        )
    if status:
        qs = qs.filter(status=status)
    return qs


def surat_masuk_get(*, pk: int) -> SuratMasuk:
    return SuratMasuk.objects.get(pk=pk)


def disposisi_list(*, surat_masuk_id: int) -> QuerySet[Disposisi]:
    return Disposisi.objects.filter(surat_masuk_id=surat_masuk_id).select_related("penerima")


def disposisi_inbox_list(
    *, user_id: int, status: str = StatusDisposisi.TERBUKA
) -> QuerySet[Disposisi]:
    """The dispositions addressed to one staff member, open ones first by due date."""
    qs = Disposisi.objects.filter(penerima_id=user_id).select_related("surat_masuk")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(F("batas_waktu").asc(nulls_last=True), "dibuat_pada", "id")


def disposisi_penerima_list() -> list[tuple[int, str]]:
    """Active village staff a letter can be disposed to: ``(user id, "name — office")``."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, membership__isnull=False)
        .select_related("membership")
        .order_by("first_name", "username")
    )
    return [(u.pk, staff_label_get(u)) for u in users]


def staff_label_get(user: Any) -> str:
    nama = user.get_full_name().strip() or user.get_username()
    jabatan = user.membership.jabatan.strip() if hasattr(user, "membership") else ""
    return f"{nama} — {jabatan}" if jabatan else nama


def surat_masuk_riwayat_list(*, surat_masuk_id: int) -> QuerySet:
    """The audit trail of one incoming letter (who recorded, changed, disposed, opened
    its scan), newest first."""
    from village_apps.audit.models import AccessAudit

    return AccessAudit.objects.filter(
        object_type__in=("sekretariat.suratmasuk", "sekretariat.suratmasuk_scan"),
        object_id=str(surat_masuk_id),
    ).order_by("-id")


# --- Surat keluar outside Balai and Buku Ekspedisi --------------------------------------


def surat_keluar_manual_get(*, pk: int) -> SuratKeluarManual:
    return SuratKeluarManual.objects.get(pk=pk)


def ekspedisi_list(*, periode: Periode, q: str = "") -> QuerySet[Ekspedisi]:
    """The Buku Ekspedisi of ``periode`` in time order."""
    qs = Ekspedisi.objects.filter(tanggal_pengiriman__range=(periode.start, periode.end))
    q = (q or "").strip()[:100]
    if q:
        qs = qs.filter(
            Q(nomor_surat__icontains=q)
            | Q(ditujukan_kepada__icontains=q)
            | Q(isi_singkat__icontains=q)
        )
    return qs.order_by("tanggal_pengiriman", "dibuat_pada", "id")


def ekspedisi_get(*, pk: int) -> Ekspedisi:
    return Ekspedisi.objects.get(pk=pk)

"""Reads of residents: list/search with keyset pagination, detail, duplicates."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Upper

from balai_kernel.disclosure.policy import SENSITIVE_CATEGORIES
from village_apps.penduduk.models import Penduduk, PengaturanPenduduk
from village_apps.referensi import CODE_FIELDS

SORTS = {
    "nama": ("nama", "id"),
    "-nama": ("-nama", "-id"),
    "nik": ("nik", "id"),
    "umur": ("-tanggallahir", "id"),
    "-umur": ("tanggallahir", "id"),
    "baru": ("-id",),
}

# Fields the list may filter on by code (?agama_id=1 etc.).
FILTER_FIELDS = tuple(CODE_FIELDS) + ("status",)


def nomor_cocok(field: str, q: str, *, nomor_penuh_saja: bool) -> Q:
    """Match a NIK/KK-like field against a typed number. Users who see full numbers
    match a prefix (the field's pattern-ops index); users who see masked numbers
    (``nomor_penuh_saja``) only the whole number, so that no part of a number they may
    not see can be confirmed digit by digit. Every search a masked role can reach on a
    NIK or KK field goes through here (``tests/security/test_masked_roles.py``)."""
    return Q(**{field: q}) if nomor_penuh_saja else Q(**{f"{field}__startswith": q})


def pengaturan_get() -> PengaturanPenduduk:
    """The village's population settings; the defaults, unsaved, where the row is
    missing (a read never writes; ``pengaturan_update`` saves the row)."""
    return PengaturanPenduduk.objects.filter(pk=1).first() or PengaturanPenduduk(pk=1)


def statistik_sensitif_aktif() -> frozenset[str]:
    """Special statistics categories this village turned on (a read without writing:
    the dashboards call it while publishing)."""
    kategori = (
        PengaturanPenduduk.objects.filter(pk=1).values_list("statistik_sensitif", flat=True).first()
    )
    return frozenset(k for k in kategori or [] if k in SENSITIVE_CATEGORIES)


def penduduk_list(
    *,
    q: str = "",
    filters: dict[str, str] | None = None,
    dusun: str = "",
    rw: str = "",
    rt: str = "",
    sort: str = "nama",
    nomor_penuh_saja: bool = False,
) -> QuerySet[Penduduk]:
    """Residents matching a search (name by trigram ILIKE, or a NIK/KK number prefix)
    and code filters, with family and wilayah joined in the same query. Users who see
    masked numbers (``nomor_penuh_saja``) match only a whole NIK or KK number (a prefix
    search would let them recover a masked number digit by digit) and can not sort by
    NIK (the order would rank numbers they may not see)."""
    qs = Penduduk.objects.select_related("keluarga", "wilayah__rw__dusun")
    q = q.strip()
    if q:
        if q.isdigit():
            # Two index range scans (the unique fields' pattern-ops indexes) instead of an OR
            # across the family join.
            from village_apps.keluarga.models import Keluarga

            penuh = {"nomor_penuh_saja": nomor_penuh_saja}
            kk = list(
                Keluarga.objects.filter(nomor_cocok("no_kk", q, **penuh)).values_list(
                    "id", flat=True
                )[:500]
            )
            qs = qs.filter(nomor_cocok("nik", q, **penuh) | Q(keluarga_id__in=kk))
        else:
            qs = qs.filter(nama__icontains=q)
    for field, value in (filters or {}).items():
        if field in FILTER_FIELDS and value.isdigit():
            qs = qs.filter(**{field: int(value)})
    if rt.isdigit():
        qs = qs.filter(wilayah_id=int(rt))
    elif rw.isdigit():
        qs = qs.filter(wilayah__rw_id=int(rw))
    elif dusun.isdigit():
        qs = qs.filter(wilayah__rw__dusun_id=int(dusun))
    if nomor_penuh_saja and sort == "nik":
        sort = "nama"
    return qs.order_by(*SORTS.get(sort, SORTS["nama"]))


@dataclass(frozen=True)
class Halaman:
    """One page of a list: the rows and the page numbers around it."""

    rows: list
    number: int
    has_next: bool
    has_previous: bool


def halaman(qs: QuerySet, *, number: int, size: int = 50) -> Halaman:
    """Offset page without COUNT(*) (one query: fetches size+1 rows to know if there is a
    next page). At 30k rows a full count on a filtered search is the slow part; users
    page a few steps and then search."""
    number = max(1, number)
    rows = list(qs[(number - 1) * size : number * size + 1])
    return Halaman(
        rows=rows[:size], number=number, has_next=len(rows) > size, has_previous=number > 1
    )


def penduduk_detail(*, pk: int) -> Penduduk:
    """A resident with family, household and wilayah (one query)."""
    return Penduduk.objects.select_related(
        "keluarga", "keluarga__kepala", "rumah_tangga", "wilayah__rw__dusun"
    ).get(pk=pk)


def penduduk_kemungkinan_ganda(*, nama: str, tanggallahir, exclude_pk: int | None = None):
    """Other residents with the same name (case-insensitive) and birth date."""
    if not nama or tanggallahir is None:
        return Penduduk.objects.none()
    qs = Penduduk.objects.annotate(nama_u=Upper("nama")).filter(
        nama_u=nama.strip().upper(), tanggallahir=tanggallahir
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs


def penduduk_ganda_list() -> QuerySet[Penduduk]:
    """All residents flagged as possible duplicates, grouped next to each other."""
    return (
        Penduduk.objects.filter(kemungkinan_ganda=True)
        .select_related("keluarga")
        .order_by(Upper("nama"), "tanggallahir", "id")
    )


def jumlah_per_status() -> dict[int, int]:
    return dict(Penduduk.objects.values_list("status_dasar").annotate(n=Count("id")).order_by())

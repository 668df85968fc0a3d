"""Reads of families and households: lists with head and member counts, details with members."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from village_apps.keluarga.models import Keluarga, RumahTangga
from village_apps.penduduk.models import Penduduk
from village_apps.penduduk.selectors import nomor_cocok
from village_apps.referensi import StatusDasar


def keluarga_list(*, q: str = "", nomor_penuh_saja: bool = False) -> QuerySet[Keluarga]:
    """Families with head and living-member count in one query (OpenSID took over a
    minute here at 7.4k families). Users who see masked numbers (``nomor_penuh_saja``)
    match only a whole KK number, never a prefix that would unmask it digit by digit,
    and get the list in the heads' name order instead of KK-number order."""
    # A correlated count: evaluated only for the rows of the page, not for every family.
    anggota = (
        Penduduk.objects.filter(keluarga=OuterRef("pk"), status_dasar=StatusDasar.HIDUP)
        .order_by()
        .values("keluarga")
        .annotate(n=Count("id"))
        .values("n")
    )
    qs = Keluarga.objects.select_related("kepala", "wilayah__rw__dusun").annotate(
        jumlah_anggota=Coalesce(Subquery(anggota, output_field=IntegerField()), 0)
    )
    q = q.strip()
    if q.isdigit():
        qs = qs.filter(nomor_cocok("no_kk", q, nomor_penuh_saja=nomor_penuh_saja))
    elif q:
        qs = qs.filter(kepala__nama__icontains=q)
    return qs.order_by(*(("kepala__nama", "id") if nomor_penuh_saja else ("no_kk",)))


def keluarga_detail(*, pk: int) -> Keluarga:
    """A family with its members (ordered by SHDK) and history: three queries."""
    return (
        Keluarga.objects.select_related("kepala", "wilayah__rw__dusun")
        .prefetch_related(
            Prefetch(
                "anggota", queryset=Penduduk.objects.order_by("kk_level", "tanggallahir", "id")
            ),
            "riwayat",
        )
        .get(pk=pk)
    )


def rumah_tangga_list(*, q: str = "", nomor_penuh_saja: bool = False) -> QuerySet[RumahTangga]:
    """Households with head, head's wilayah and living-member count in one query.

    ``q`` matches a household-number prefix, the head's name, or the head's NIK. Users
    who only see masked numbers (``nomor_penuh_saja``) match a head only by the full
    16-digit NIK: a prefix search would let them recover a masked NIK digit by digit.
    """
    anggota = (
        Penduduk.objects.filter(rumah_tangga=OuterRef("pk"), status_dasar=StatusDasar.HIDUP)
        .order_by()
        .values("rumah_tangga")
        .annotate(n=Count("id"))
        .values("n")
    )
    qs = RumahTangga.objects.select_related("kepala__wilayah__rw__dusun").annotate(
        jumlah_anggota=Coalesce(Subquery(anggota, output_field=IntegerField()), 0)
    )
    q = q.strip()
    if q.isdigit():
        # The head ids first (the NIK's pattern-ops index), then one OR on the household
        # table, instead of an OR across the join.
        heads = Penduduk.objects.filter(nomor_cocok("nik", q, nomor_penuh_saja=nomor_penuh_saja))
        kepala_ids = list(heads.values_list("id", flat=True)[:500])
        qs = qs.filter(Q(no_rtm__startswith=q) | Q(kepala_id__in=kepala_ids))
    elif q:
        qs = qs.filter(Q(no_rtm__istartswith=q) | Q(kepala__nama__icontains=q))
    return qs.order_by("no_rtm", "id")


def rumah_tangga_detail(*, pk: int) -> RumahTangga:
    """A household with its head (wilayah, family address) and members, head first,
    each with their KK: two queries."""
    return (
        RumahTangga.objects.select_related("kepala__wilayah__rw__dusun", "kepala__keluarga")
        .prefetch_related(
            Prefetch(
                "anggota",
                queryset=Penduduk.objects.select_related("keluarga").order_by(
                    "rtm_level", "keluarga__no_kk", "kk_level", "tanggallahir", "id"
                ),
            )
        )
        .get(pk=pk)
    )

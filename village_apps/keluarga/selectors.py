"""Reads of families: list with head and member counts, detail with members."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from village_apps.keluarga.models import Keluarga
from village_apps.penduduk.choices import StatusDasar
from village_apps.penduduk.models import Penduduk


def keluarga_list(*, q: str = "") -> QuerySet[Keluarga]:
    """Families with head and living-member count in one query (OpenSID took over a
    minute here at 7.4k families)."""
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
        qs = qs.filter(no_kk__startswith=q)
    elif q:
        qs = qs.filter(kepala__nama__icontains=q)
    return qs.order_by("no_kk")


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

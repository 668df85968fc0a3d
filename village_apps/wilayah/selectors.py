"""Reads of the wilayah hierarchy with resident/family counts per unit."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from village_apps.referensi import StatusDasar
from village_apps.wilayah.models import RT, Dusun


def rt_pilihan() -> QuerySet[RT]:
    """All RTs for a select box (one query)."""
    return RT.objects.select_related("rw__dusun").order_by("rw__dusun__nama", "rw__nama", "nama")


def wilayah_tree_get() -> list[Dusun]:
    """Dusun with their RWs and RTs and living-resident / family counts per RT, in three
    queries regardless of size."""
    hidup = Q(penduduk_set__status_dasar=StatusDasar.HIDUP)
    rts = (
        RT.objects.select_related("ketua")
        .annotate(
            jumlah_penduduk=Count("penduduk_set", filter=hidup, distinct=True),
            jumlah_keluarga=Count("keluarga_set", distinct=True),
        )
        .order_by("nama")
    )
    from django.db.models import Prefetch

    from village_apps.wilayah.models import RW

    dusun = list(
        Dusun.objects.select_related("kepala").prefetch_related(
            Prefetch(
                "rw_set",
                queryset=RW.objects.select_related("ketua")
                .order_by("nama")
                .prefetch_related(Prefetch("rt_set", queryset=rts)),
            )
        )
    )
    for d in dusun:
        d.jumlah_penduduk = 0
        d.jumlah_keluarga = 0
        for rw in d.rw_set.all():
            rw.jumlah_penduduk = sum(rt.jumlah_penduduk for rt in rw.rt_set.all())
            rw.jumlah_keluarga = sum(rt.jumlah_keluarga for rt in rw.rt_set.all())
            d.jumlah_penduduk += rw.jumlah_penduduk
            d.jumlah_keluarga += rw.jumlah_keluarga
    return dusun

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from village_apps.pembangunan.models import Proyek


def proyek_list(*, tahun: int | None = None, cari: str = "") -> QuerySet[Proyek]:
    """Projects with their photo count in one query."""
    qs = Proyek.objects.annotate(jumlah_foto=Count("foto")).order_by("-tahun", "nama", "id")
    if tahun:
        qs = qs.filter(tahun=tahun)
    if cari:
        qs = qs.filter(Q(nama__icontains=cari) | Q(lokasi__icontains=cari))
    return qs


def proyek_tahun() -> list[int]:
    return list(Proyek.objects.order_by("-tahun").values_list("tahun", flat=True).distinct())

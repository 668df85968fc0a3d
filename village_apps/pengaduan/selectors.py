from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from village_apps.pengaduan.choices import StatusPengaduan
from village_apps.pengaduan.models import Pengaduan


def pengaduan_lacak(kode: str) -> Pengaduan | None:
    """A complaint by its tracking code (case-insensitive), with its replies."""
    kode = (kode or "").strip().upper()
    if not kode or len(kode) > 12:
        return None
    return Pengaduan.objects.prefetch_related("tanggapan").filter(kode_lacak=kode).first()


def pengaduan_list(*, status: str = "", cari: str = "") -> QuerySet[Pengaduan]:
    qs = Pengaduan.objects.annotate(jumlah_tanggapan=Count("tanggapan")).order_by(
        "-dibuat_pada", "-id"
    )
    if status:
        qs = qs.filter(status=status)
    if cari:
        qs = qs.filter(Q(kode_lacak__iexact=cari) | Q(judul__icontains=cari))
    return qs


def pengaduan_rekap() -> list[tuple[str, int]]:
    """Counts per status for the public page (no content, no names)."""
    jumlah = dict(Pengaduan.objects.values_list("status").annotate(n=Count("id")))
    return [(label, jumlah.get(value, 0)) for value, label in StatusPengaduan.choices]

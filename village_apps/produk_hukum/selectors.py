from __future__ import annotations

from django.db.models import Q, QuerySet

from village_apps.produk_hukum.choices import PERATURAN, JenisProdukHukum, Tahap
from village_apps.produk_hukum.models import ProdukHukum

# What the public JDIH page lists: promulgated products, and enacted decisions
# (a Keputusan Kepala Desa is never promulgated).
PUBLIK = Q(tahap=Tahap.DIUNDANGKAN) | Q(jenis=JenisProdukHukum.KEPKADES, tahap=Tahap.DITETAPKAN)


def produk_hukum_list(
    *, jenis: str = "", tahun: int | None = None, cari: str = "", publik: bool = False
) -> QuerySet[ProdukHukum]:
    qs = ProdukHukum.objects.order_by("-tanggal_ditetapkan", "-id")
    if publik:
        qs = qs.filter(PUBLIK)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if tahun:
        qs = qs.filter(tanggal_ditetapkan__year=tahun)
    if cari:
        qs = qs.filter(
            Q(tentang__icontains=cari) | Q(nomor__icontains=cari) | Q(uraian__icontains=cari)
        )
    return qs


def produk_hukum_publik_get(*, pk: int) -> ProdukHukum | None:
    return ProdukHukum.objects.filter(PUBLIK, pk=pk).first()


def produk_hukum_tahun_list(*, publik: bool = False) -> list[int]:
    qs = ProdukHukum.objects.filter(tanggal_ditetapkan__isnull=False)
    if publik:
        qs = qs.filter(PUBLIK)
    return sorted({d.year for d in qs.values_list("tanggal_ditetapkan", flat=True)}, reverse=True)


def peraturan_list(*, tahun: int | None = None, cari: str = "") -> QuerySet[ProdukHukum]:
    """Buku Peraturan di Desa: the enacted regulations, in order of enactment."""
    qs = ProdukHukum.objects.filter(jenis__in=PERATURAN, tanggal_ditetapkan__isnull=False)
    if tahun:
        qs = qs.filter(tanggal_ditetapkan__year=tahun)
    if cari:
        qs = qs.filter(Q(tentang__icontains=cari) | Q(nomor__icontains=cari))
    return qs.order_by("tanggal_ditetapkan", "id")


def keputusan_list(*, tahun: int | None = None, cari: str = "") -> QuerySet[ProdukHukum]:
    """Buku Keputusan Kepala Desa: the enacted decisions, in order of enactment."""
    qs = ProdukHukum.objects.filter(
        jenis=JenisProdukHukum.KEPKADES, tanggal_ditetapkan__isnull=False
    )
    if tahun:
        qs = qs.filter(tanggal_ditetapkan__year=tahun)
    if cari:
        qs = qs.filter(Q(tentang__icontains=cari) | Q(nomor__icontains=cari))
    return qs.order_by("tanggal_ditetapkan", "id")


def diundangkan_list(*, tahun: int | None = None, cari: str = "") -> QuerySet[ProdukHukum]:
    """Buku Lembaran Desa dan Berita Desa: everything promulgated, in order."""
    qs = ProdukHukum.objects.filter(tanggal_diundangkan__isnull=False)
    if tahun:
        qs = qs.filter(tanggal_diundangkan__year=tahun)
    if cari:
        qs = qs.filter(Q(tentang__icontains=cari) | Q(nomor__icontains=cari))
    return qs.order_by("tanggal_diundangkan", "id")

from __future__ import annotations

from django.db.models import Q, QuerySet

from village_apps.tanah.models import TanahDesa, TanahKasDesa


def _letak(cari: str) -> Q:
    return (
        Q(nomor_letter_c__icontains=cari)
        | Q(nomor_persil__icontains=cari)
        | Q(lokasi__icontains=cari)
    )


def tanah_desa_list(*, cari: str = "") -> QuerySet[TanahDesa]:
    """Buku Tanah di Desa, by owner."""
    qs = TanahDesa.objects.order_by("nama_pemilik", "id")
    if cari:
        qs = qs.filter(_letak(cari) | Q(nama_pemilik__icontains=cari))
    return qs


def tanah_kas_desa_list(*, cari: str = "") -> QuerySet[TanahKasDesa]:
    """Buku Tanah Kas Desa, in order of acquisition."""
    qs = TanahKasDesa.objects.order_by("tanggal_perolehan", "id")
    if cari:
        qs = qs.filter(_letak(cari) | Q(nama_pemilik_asal__icontains=cari))
    return qs

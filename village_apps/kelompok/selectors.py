from django.db.models import Count, QuerySet

from village_apps.kelompok.models import Kelompok


def kelompok_list() -> QuerySet[Kelompok]:
    """Groups with category, chair and member count (one query)."""
    return (
        Kelompok.objects.select_related("kategori", "ketua")
        .annotate(jumlah=Count("anggota"))
        .order_by("nama")
    )

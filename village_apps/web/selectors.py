"""Reads for the public website and its back office."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from village_apps.web.models import (
    Agenda,
    Artikel,
    Foto,
    Halaman,
    Kategori,
    PengaturanSitus,
    TautanMenu,
)


def artikel_terbit(*, kategori: Kategori | None = None, cari: str = "") -> QuerySet[Artikel]:
    """Published articles, newest first, with their category in the same query."""
    qs = Artikel.objects.filter(terbit=True).select_related("kategori")
    if kategori is not None:
        qs = qs.filter(kategori=kategori)
    if cari:
        qs = qs.filter(Q(judul__icontains=cari) | Q(ringkasan__icontains=cari))
    return qs


def artikel_list(*, cari: str = "") -> QuerySet[Artikel]:
    """Every article for the back office (drafts included)."""
    qs = Artikel.objects.select_related("kategori").order_by("-dibuat_pada", "-id")
    return qs.filter(judul__icontains=cari) if cari else qs


def agenda_mendatang(*, batas: int | None = None) -> QuerySet[Agenda]:
    """Events from today on, soonest first."""
    qs = Agenda.objects.filter(tanggal__gte=timezone.localdate())
    return qs[:batas] if batas else qs


def agenda_lalu() -> QuerySet[Agenda]:
    return Agenda.objects.filter(tanggal__lt=timezone.localdate()).order_by("-tanggal", "-id")


def halaman_menu() -> list[Halaman]:
    return list(Halaman.objects.filter(tampil_di_menu=True).only("judul", "slug"))


def tautan_menu() -> list[TautanMenu]:
    return list(TautanMenu.objects.all())


def kategori_list() -> QuerySet[Kategori]:
    return Kategori.objects.all()


def foto_list() -> QuerySet[Foto]:
    return Foto.objects.all()


def pengaturan_situs() -> PengaturanSitus:
    """The site settings row (an unsaved blank one before the first edit)."""
    return PengaturanSitus.objects.filter(pk=1).first() or PengaturanSitus()

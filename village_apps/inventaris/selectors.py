from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from village_apps.contracts import ProyekSelesai
from village_apps.inventaris.choices import KELUAR, Kondisi
from village_apps.inventaris.models import Aset, MutasiAset
from village_apps.pembangunan.facade import proyek_selesai_list


def _with_history(qs: QuerySet[Aset]) -> QuerySet[Aset]:
    return qs.prefetch_related(
        Prefetch("mutasi", queryset=MutasiAset.objects.order_by("tanggal", "id"))
    )


def aset_list(*, kategori: str = "", cari: str = "", keluar: bool | None = False) -> QuerySet[Aset]:
    """Assets with their history (two queries a page). ``keluar``: ``False`` those the
    village holds today, ``True`` those sold/written off/transferred, ``None`` all."""
    qs = Aset.objects.annotate(
        sudah_keluar=Exists(MutasiAset.objects.filter(aset=OuterRef("pk"), jenis__in=KELUAR))
    ).order_by("kategori", "tanggal_perolehan", "id")
    if keluar is not None:
        qs = qs.filter(sudah_keluar=keluar)
    if kategori:
        qs = qs.filter(kategori=kategori)
    if cari:
        qs = qs.filter(
            Q(nama__icontains=cari)
            | Q(kode_barang__icontains=cari)
            | Q(nomor_register__icontains=cari)
            | Q(lokasi__icontains=cari)
        )
    return _with_history(qs)


def aset_get(*, pk: int) -> Aset | None:
    return _with_history(Aset.objects.filter(pk=pk)).first()


def proyek_belum_dicatat_list() -> list[ProyekSelesai]:
    """Finished development projects whose result is not an asset yet."""
    dicatat = Aset.objects.filter(proyek_asal__isnull=False).values_list("proyek_asal", flat=True)
    return proyek_selesai_list(kecuali=list(dicatat))


@dataclass(frozen=True)
class BarisInventaris:
    """One row of the Buku Inventaris dan Kekayaan Desa for a year."""

    aset: Aset
    kondisi_awal_tahun: str  # "baik" / "rusak" / "" (acquired during the year)
    keluar: MutasiAset | None  # sold/written off/transferred during the year
    kondisi_akhir_tahun: str  # "" when it left the village during the year


def _baik_rusak(kondisi: str) -> str:
    return "baik" if kondisi == Kondisi.BAIK else "rusak"


def inventaris_baris_list(*, tahun: int, cari: str = "") -> list[BarisInventaris]:
    """The book of ``tahun``: every asset the village held at some time of the year,
    its condition at the start and the end of the year, and its disposal in the year,
    all derived from the acquisitions and mutations dated up to then (a mutation
    recorded later with a date in a later year changes nothing here)."""
    awal, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    keluar_dulu = MutasiAset.objects.filter(aset=OuterRef("pk"), jenis__in=KELUAR, tanggal__lt=awal)
    qs = Aset.objects.filter(tanggal_perolehan__lte=akhir).exclude(Exists(keluar_dulu))
    if cari:
        qs = qs.filter(Q(nama__icontains=cari) | Q(lokasi__icontains=cari))
    rows = []
    for aset in _with_history(qs.order_by("kategori", "tanggal_perolehan", "id")):
        sebelum = aset.keadaan(awal - dt.timedelta(days=1))
        sesudah = aset.keadaan(akhir)
        rows.append(
            BarisInventaris(
                aset=aset,
                kondisi_awal_tahun=_baik_rusak(sebelum.kondisi)
                if aset.tanggal_perolehan < awal
                else "",
                keluar=sesudah.keluar,
                kondisi_akhir_tahun="" if sesudah.keluar else _baik_rusak(sesudah.kondisi),
            )
        )
    return rows

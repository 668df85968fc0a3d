"""Public population statistics: the village's own published cells, never live counts.

What a village shows about itself must be what the province's open data shows about it,
cell for cell: the same small counts as ``"<5"`` and the same complements hidden as
``"x"``, decided once for the whole province (``balai_kernel.disclosure``). Two outputs
that hid different complements of the same table would give the hidden cells away
together. So these pages read the village's published snapshot through
``balai_kernel.disclosure.source.public_source()`` (the control plane registers it; this
app does not import the control plane), and show nothing while the village's kabupaten
has closed public data below kabupaten level.

Special categories (health, disability, pregnancy, contraception) reach the snapshot
only when the village turned them on; a category turned off again disappears here at
once, before the next publish removes it from the snapshot. Category titles come from
the population facade (in the visitor's language); row labels are stored Indonesian
and translated where the catalogue knows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext_lazy

from balai_kernel.disclosure.policy import COMPLEMENT, Count, category_public, is_number
from balai_kernel.disclosure.source import (
    PublicRow,
    PublicTable,
    VillageStatistics,
    public_source,
)
from village_apps.contracts import Population, facade_get
from village_apps.web.grafik import svg_batang

RINGKASAN = "ringkasan"


def statistik_publik(request: HttpRequest) -> VillageStatistics:
    """This village's published statistics (closed: ``open`` is False, no tables)."""
    tenant = request.tenant
    return public_source().village_statistics(
        village_id=tenant.pk, kabupaten_code=tenant.kabupaten_code
    )


def _judul_kategori() -> dict[str, str]:
    kategori = facade_get("penduduk", Population).STATISTIK_KATEGORI
    return {str(k): str(v) for k, v in kategori.items()}


def _sensitif_aktif() -> frozenset[str]:
    return facade_get("penduduk", Population).statistik_sensitif_aktif()


def statistik_kategori(stat: VillageStatistics) -> list[tuple[str, str]]:
    """(kode, judul) of every population category the village publishes, in the
    facade's order; none while the kabupaten is closed. A special category needs its
    switch on now (not only when the snapshot was made)."""
    if not stat.open:
        return []
    aktif = _sensitif_aktif()
    return [
        (kode, judul)
        for kode, judul in _judul_kategori().items()
        if category_public(kode, enabled=aktif)
    ]


@dataclass(frozen=True)
class BarisStatistik:
    label: str
    laki_laki: Count
    perempuan: Count
    jumlah: Count
    persen: float | None


@dataclass(frozen=True)
class TabelStatistik:
    kode: str
    label: str
    baris: list[BarisStatistik]
    laki_laki: Count
    perempuan: Count
    jumlah: Count
    grafik: SafeString


def _jumlah_kolom(nilai: list[Count], total: Count | None) -> Count:
    """A column's total: the published total the keys add up to, else their sum when
    every cell is a number (a sum of published cells reveals nothing), else hidden."""
    if total is not None:
        return total
    return sum(nilai) if all(is_number(n) for n in nilai) else COMPLEMENT  # type: ignore[arg-type]


def _persen(bagian: Count, semua: Count) -> float | None:
    """Only from two published numbers: a share of a hidden total would give it away."""
    if is_number(bagian) and is_number(semua) and semua:
        return round(100 * bagian / semua, 1)  # type: ignore[operator]
    return None


def statistik_tabel(stat: VillageStatistics, kode: str) -> TabelStatistik | None:
    """One category's published rows, totals and bar chart; None for a category the
    village does not publish."""
    judul = dict(statistik_kategori(stat)).get(kode)
    if judul is None:
        return None
    tabel = stat.tables.get(kode) or PublicTable(category=kode, rows=())
    rows = list(tabel.rows)
    total = tabel.total
    laki_laki = _jumlah_kolom([r.laki_laki for r in rows], total and total.laki_laki)
    perempuan = _jumlah_kolom([r.perempuan for r in rows], total and total.perempuan)
    jumlah = _jumlah_kolom([r.jumlah for r in rows], total and total.jumlah)
    baris = [
        BarisStatistik(
            label=gettext(r.label),
            laki_laki=r.laki_laki,
            perempuan=r.perempuan,
            jumlah=r.jumlah,
            persen=_persen(r.jumlah, jumlah),
        )
        for r in rows
    ]
    return TabelStatistik(
        kode=kode,
        label=judul,
        baris=baris,
        laki_laki=laki_laki,
        perempuan=perempuan,
        jumlah=jumlah,
        grafik=svg_batang(
            [(b.label, b.jumlah) for b in baris], judul=judul, satuan=" " + gettext("jiwa")
        ),
    )


LABEL_RINGKASAN = {
    "penduduk": pgettext_lazy("ringkasan", "Penduduk"),
    "laki_laki": pgettext_lazy("ringkasan", "Laki-laki"),
    "perempuan": pgettext_lazy("ringkasan", "Perempuan"),
    "keluarga": pgettext_lazy("ringkasan", "Keluarga"),
    "rumah_tangga": pgettext_lazy("ringkasan", "Rumah tangga"),
    "kelompok": pgettext_lazy("ringkasan", "Kelompok"),
    "wilayah": pgettext_lazy("ringkasan", "Wilayah"),
    "dusun": pgettext_lazy("ringkasan", "Dusun"),
}


def ringkasan_penduduk(stat: VillageStatistics) -> list[tuple[str, Count]]:
    """Headline counts (label, published value) for the home page; empty without data."""
    tabel = stat.tables.get(RINGKASAN)
    if tabel is None:
        return []
    urutan = list(LABEL_RINGKASAN)
    hasil: list[tuple[str, Count]] = []
    for r in sorted(tabel.rows, key=lambda r: urutan.index(r.key) if r.key in urutan else 99):
        if r.key == "penduduk":
            hasil += [
                (LABEL_RINGKASAN["penduduk"], r.jumlah),
                (LABEL_RINGKASAN["laki_laki"], r.laki_laki),
                (LABEL_RINGKASAN["perempuan"], r.perempuan),
            ]
        else:
            hasil.append((_label_ringkasan(r), r.jumlah))
    return hasil


def _label_ringkasan(r: PublicRow) -> str:
    return str(LABEL_RINGKASAN.get(r.key, r.key.replace("_", " ").capitalize()))

"""What each statistics category means: its title, unit and how public outputs treat it.

Categories come from village facades; one unknown here is still published (as a count
of ``jumlah``), so a new village app can contribute without a change in this file.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SUMMARY = "ringkasan"
POPULATION_KEY = "penduduk"


@dataclass(frozen=True)
class Category:
    code: str
    title: str
    unit: str
    # Counts of people or events are suppressed when small; money is public anyway.
    suppress: bool = True
    # Keys partition the population (their sums equal ringkasan/penduduk per sex).
    partitions_population: bool = False


KNOWN: dict[str, Category] = {
    c.code: c
    for c in [
        Category(SUMMARY, _("Ringkasan"), "jiwa/keluarga"),
        # Keys of ``penduduk.facade.STATISTIK_KATEGORI``; each lists every code plus
        # "belum mengisi", so its keys partition the living population.
        Category("jenis-kelamin", _("Jenis kelamin"), "jiwa", partitions_population=True),
        Category("umur", _("Kelompok umur"), "jiwa", partitions_population=True),
        Category("pendidikan-kk", _("Pendidikan dalam KK"), "jiwa", partitions_population=True),
        Category("pekerjaan", _("Pekerjaan"), "jiwa", partitions_population=True),
        Category("agama", _("Agama"), "jiwa", partitions_population=True),
        Category("status-kawin", _("Status perkawinan"), "jiwa", partitions_population=True),
        Category("dusun", _("Wilayah (dusun)"), "jiwa", partitions_population=True),
        Category("peristiwa", _("Peristiwa bulan ini"), "jiwa"),
        Category("surat", _("Surat terbit bulan ini"), "surat"),
        Category("bantuan", _("Peserta bantuan per jenis program"), "peserta"),
        Category("apbdes", _("APBDes tahun berjalan"), "rupiah", suppress=False),
    ]
}
# Population categories read from ``penduduk.facade.statistik`` (those the facade has).
POPULATION_CATEGORIES = tuple(c.code for c in KNOWN.values() if c.partitions_population)


def category_get(code: str) -> Category:
    """Metadata of a category; unknown ones are counts, suppressed, not a partition."""
    return KNOWN.get(code) or Category(code, code.replace("_", " ").capitalize(), "jumlah")


def category_order(code: str) -> tuple[int, str]:
    keys = list(KNOWN)
    return (keys.index(code) if code in KNOWN else len(keys), code)

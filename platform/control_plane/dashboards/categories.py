"""What each statistics category means: its title, unit and how public outputs treat it.

Categories come from village facades; one unknown here is still published (as a count
of ``jumlah``), so a new village app can contribute without a change in this file.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

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


# Units stay Indonesian as data (the open-data API's "satuan"); pages translate them on
# display with ``{% translate category.unit %}``.
KNOWN: dict[str, Category] = {
    c.code: c
    for c in [
        Category(SUMMARY, _("Ringkasan"), gettext_noop("jiwa/keluarga")),
        # Keys of ``penduduk.facade.STATISTIK_KATEGORI``; each lists every code plus
        # "belum mengisi", so its keys partition the living population.
        Category(
            "jenis-kelamin", _("Jenis kelamin"), gettext_noop("jiwa"), partitions_population=True
        ),
        Category("umur", _("Kelompok umur"), gettext_noop("jiwa"), partitions_population=True),
        Category(
            "pendidikan-kk",
            _("Pendidikan dalam KK"),
            gettext_noop("jiwa"),
            partitions_population=True,
        ),
        Category("pekerjaan", _("Pekerjaan"), gettext_noop("jiwa"), partitions_population=True),
        Category("agama", _("Agama"), gettext_noop("jiwa"), partitions_population=True),
        Category(
            "status-kawin", _("Status perkawinan"), gettext_noop("jiwa"), partitions_population=True
        ),
        Category("dusun", _("Wilayah (dusun)"), gettext_noop("jiwa"), partitions_population=True),
        Category("peristiwa", _("Peristiwa bulan ini"), gettext_noop("jiwa")),
        Category("surat", _("Surat terbit bulan ini"), gettext_noop("surat")),
        Category("bantuan", _("Peserta bantuan per jenis program"), gettext_noop("peserta")),
        Category("apbdes", _("APBDes tahun berjalan"), gettext_noop("rupiah"), suppress=False),
    ]
}
# Population categories read from ``penduduk.facade.statistik`` (those the facade has).
POPULATION_CATEGORIES = tuple(c.code for c in KNOWN.values() if c.partitions_population)


def category_get(code: str) -> Category:
    """Metadata of a category; unknown ones are counts, suppressed, not a partition."""
    return KNOWN.get(code) or Category(
        code, code.replace("_", " ").capitalize(), gettext_noop("jumlah")
    )


def category_order(code: str) -> tuple[int, str]:
    keys = list(KNOWN)
    return (keys.index(code) if code in KNOWN else len(keys), code)

"""What each statistics category means: its title, unit and how public outputs treat it.

Categories come from village facades; one unknown here is still published (as a count
of ``jumlah``), so a new village app can contribute without a change in this file.
Whether a category is public at all and which cells count people is the disclosure
policy's (``balai_kernel.disclosure.policy``), not this file's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from balai_kernel.disclosure.policy import counts_people, is_sensitive

SUMMARY = "ringkasan"
POPULATION_KEY = "penduduk"


@dataclass(frozen=True)
class Category:
    code: str
    title: str
    unit: str
    # Keys partition the population (their sums equal ringkasan/penduduk per sex).
    partitions_population: bool = False
    # Keys are steps of one scale (age bands): charts show every step, never "Lainnya".
    ordinal: bool = False

    @property
    def suppress(self) -> bool:
        """Counts of people or events are suppressed when small; money is public anyway."""
        return counts_people(self.code)

    @property
    def sensitive(self) -> bool:
        """A special category: published only by villages that turned it on."""
        return is_sensitive(self.code)


def _population(code: str, title: str, *, ordinal: bool = False) -> Category:
    return Category(code, title, gettext_noop("jiwa"), partitions_population=True, ordinal=ordinal)


# Units stay Indonesian as data (the open-data API's "satuan"); pages translate them on
# display with ``{% translate category.unit %}``.
KNOWN: dict[str, Category] = {
    c.code: c
    for c in [
        Category(SUMMARY, _("Ringkasan"), gettext_noop("jiwa/keluarga")),
        # Keys of ``penduduk.facade.STATISTIK_KATEGORI``; each lists every code plus
        # "belum mengisi", so its keys partition the living population.
        _population("jenis-kelamin", _("Jenis kelamin")),
        _population("umur", _("Kelompok umur"), ordinal=True),
        _population("umur-kategori", _("Kategori umur"), ordinal=True),
        _population("pendidikan-kk", _("Pendidikan dalam KK")),
        _population("pendidikan-sedang", _("Pendidikan sedang ditempuh")),
        _population("pekerjaan", _("Pekerjaan")),
        _population("agama", _("Agama")),
        _population("status-kawin", _("Status perkawinan")),
        _population("hubungan-keluarga", _("Hubungan dalam keluarga")),
        _population("warganegara", _("Kewarganegaraan")),
        _population("status-penduduk", _("Status penduduk")),
        _population("ktp-el", _("Kepemilikan KTP-el")),
        _population("status-rekam", _("Status rekam KTP-el")),
        # Residents without a hamlet are in no row: the keys do not always add up.
        Category("dusun", _("Wilayah (dusun)"), gettext_noop("jiwa")),
        # Special categories (``balai_kernel.disclosure.policy.SENSITIVE_CATEGORIES``):
        # in a snapshot only when the village turned them on.
        _population("golongan-darah", _("Golongan darah")),
        _population("disabilitas", _("Penyandang disabilitas")),
        _population("sakit-menahun", _("Sakit menahun")),
        _population("akseptor-kb", _("Akseptor KB")),
        _population("asuransi", _("Asuransi kesehatan")),
        _population("kehamilan", _("Status kehamilan")),
        Category("peristiwa", _("Peristiwa bulan ini"), gettext_noop("jiwa")),
        Category("surat", _("Surat terbit bulan ini"), gettext_noop("surat")),
        Category("bantuan", _("Peserta bantuan per jenis program"), gettext_noop("peserta")),
        Category("apbdes", _("APBDes tahun berjalan"), gettext_noop("rupiah")),
    ]
}
# The population categories every village publishes (``Population.statistik``), special
# ones excepted.
POPULATION_CATEGORIES = (
    *(c.code for c in KNOWN.values() if c.partitions_population and not c.sensitive),
    "dusun",
)


def category_get(code: str) -> Category:
    """Metadata of a category; unknown ones are counts, suppressed, not a partition."""
    return KNOWN.get(code) or Category(
        code, code.replace("_", " ").capitalize(), gettext_noop("jumlah")
    )


def category_order(code: str) -> tuple[int, str]:
    keys = list(KNOWN)
    return (keys.index(code) if code in KNOWN else len(keys), code)

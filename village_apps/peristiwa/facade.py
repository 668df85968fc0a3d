"""What the rest of Balai may call in the events module, inside a village context:
the ``PopulationEvents`` and ``SnapshotSource`` contracts (``village_apps.contracts``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.utils import timezone

from village_apps.contracts import EVENTS_CATEGORY, EventCount, MonthlyEvents, StatRow
from village_apps.peristiwa.selectors import laporan_bulanan as _laporan_bulanan

_EVENTS = (("lahir", "Lahir"), ("mati", "Mati"), ("datang", "Datang"), ("pindah", "Pindah"))


def peristiwa_bulanan(*, tahun: int, bulan: int) -> MonthlyEvents:
    """Births, deaths, arrivals and departures of one month, by sex (one query)."""
    laporan = _laporan_bulanan(tahun, bulan)
    counts = {
        key: EventCount(
            laki_laki=laporan[key]["L"], perempuan=laporan[key]["P"], jumlah=laporan[key]["jumlah"]
        )
        for key, _label in _EVENTS
    }
    return MonthlyEvents(tahun=tahun, bulan=bulan, **counts)


def snapshot_contributions(
    *, publishable: Callable[[str], bool]
) -> Mapping[str, Sequence[StatRow]]:
    """This month's movements."""
    if not publishable(EVENTS_CATEGORY):
        return {}
    today = timezone.localdate()
    events = peristiwa_bulanan(tahun=today.year, bulan=today.month)
    rows = []
    for key, label in _EVENTS:
        count: EventCount = getattr(events, key)
        rows.append(
            StatRow(
                kode=key,
                label=label,
                jumlah=count.jumlah,
                laki_laki=count.laki_laki,
                perempuan=count.perempuan,
            )
        )
    return {EVENTS_CATEGORY: rows}

"""What other parts of Balai (the control plane's dashboards) may call in the APBDes
module, inside a village context. Returns plain numbers, never rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from village_apps.keuangan.models import Apbdes
from village_apps.keuangan.selectors import apbdes_laporan


@dataclass(frozen=True)
class RingkasanApbdes:
    tahun: int
    pendapatan: Decimal
    belanja: Decimal
    pendapatan_realisasi: Decimal
    belanja_realisasi: Decimal
    pembiayaan_netto: Decimal
    belanja_per_bidang: dict[str, Decimal]


def apbdes_ringkasan(*, tahun: int) -> RingkasanApbdes | None:
    """Totals of one year's APBDes (None if the village has none for that year)."""
    apbdes = Apbdes.objects.filter(tahun=tahun).first()
    if apbdes is None:
        return None
    lap = apbdes_laporan(apbdes)
    return RingkasanApbdes(
        tahun=tahun,
        pendapatan=lap.pendapatan.anggaran,
        belanja=lap.belanja.anggaran,
        pendapatan_realisasi=lap.pendapatan.realisasi,
        belanja_realisasi=lap.belanja.realisasi,
        pembiayaan_netto=lap.pembiayaan_netto,
        belanja_per_bidang={b.kode: b.anggaran for b in lap.belanja.anak},
    )

"""What the rest of Balai may call in the APBDes module, inside a village context: the
``Finance`` and ``DemoData`` contracts (``village_apps.contracts``). Plain numbers,
never rows."""

from __future__ import annotations

from village_apps.contracts import ApbdesSummary
from village_apps.keuangan.demo import load_demo_village
from village_apps.keuangan.models import Apbdes
from village_apps.keuangan.selectors import apbdes_laporan as _apbdes_laporan


def apbdes_ringkasan(*, tahun: int) -> ApbdesSummary | None:
    """Totals of one year's APBDes (None if the village has none for that year)."""
    apbdes = Apbdes.objects.filter(tahun=tahun).first()
    if apbdes is None:
        return None
    lap = _apbdes_laporan(apbdes)
    return ApbdesSummary(
        tahun=tahun,
        pendapatan=lap.pendapatan.anggaran,
        belanja=lap.belanja.anggaran,
        pendapatan_realisasi=lap.pendapatan.realisasi,
        belanja_realisasi=lap.belanja.realisasi,
        pembiayaan_netto=lap.pembiayaan_netto,
        belanja_per_bidang={b.kode: b.anggaran for b in lap.belanja.anak},
    )


__all__ = ["apbdes_ringkasan", "load_demo_village"]

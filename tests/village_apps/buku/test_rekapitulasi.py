"""Acceptance 2: on the demo village, the Buku Rekapitulasi Jumlah Penduduk of a month
has the monthly population report's numbers and the dashboard snapshot's."""

from __future__ import annotations

from django.utils import timezone

from control_plane.dashboards.models import SnapshotValue
from control_plane.dashboards.services import snapshot_publish
from tenants.context import village_context
from village_apps.buku.registry import Periode, book_get

GROUPS = ("awal", "lahir", "datang", "mati", "pindah", "akhir")


def _totals(periode: Periode) -> dict[str, int]:
    book = book_get("rekapitulasi-penduduk")
    keys = [c.key for c in book.leaves()]
    totals: dict[str, int] = {}
    for row in book.rows(periode, ""):
        for key, value in zip(keys, row, strict=True):
            if isinstance(value, int):
                totals[key] = totals.get(key, 0) + value
    return totals


def _by_sex(totals: dict[str, int], group: str) -> dict[str, int]:
    lk = totals.get(f"{group}_WNA_L", 0) + totals.get(f"{group}_WNI_L", 0)
    pr = totals.get(f"{group}_WNA_P", 0) + totals.get(f"{group}_WNI_P", 0)
    return {"L": lk, "P": pr, "jumlah": lk + pr}


def test_rekapitulasi_equals_the_monthly_report_and_the_dashboard(village):
    from village_apps.penduduk import facade as penduduk
    from village_apps.peristiwa.selectors import laporan_bulanan

    today = timezone.localdate()
    bulan_ini = Periode(today.year, today.month)
    with village_context(village):
        penduduk.load_demo_village(village=village)
        summary = penduduk.ringkasan()
        months = {}
        for periode in (bulan_ini, bulan_ini.previous(), bulan_ini.previous().previous()):
            totals = _totals(periode)
            laporan = laporan_bulanan(periode.tahun, periode.bulan)
            for group in GROUPS:
                assert _by_sex(totals, group) == laporan[group], (periode, group)
            months[periode] = totals
    now = months[bulan_ini]
    assert summary.penduduk > 0
    assert now["akhir_jiwa"] == summary.penduduk
    assert _by_sex(now, "akhir") == {
        "L": summary.laki_laki, "P": summary.perempuan, "jumlah": summary.penduduk,
    }  # fmt: skip
    assert now["akhir_kk"] == summary.keluarga
    # The dashboard's snapshot of this month (what the kabupaten sees).
    snapshot = snapshot_publish(village_id=village.pk)
    values = SnapshotValue.objects.filter(snapshot=snapshot)
    total = values.get(category="ringkasan", key="penduduk")
    assert (total.jumlah, total.laki_laki, total.perempuan) == (
        now["akhir_jiwa"], _by_sex(now, "akhir")["L"], _by_sex(now, "akhir")["P"],
    )  # fmt: skip
    assert values.get(category="ringkasan", key="keluarga").jumlah == now["akhir_kk"]
    for group in ("lahir", "mati", "datang", "pindah"):
        row = values.get(category="peristiwa", key=group)
        assert (row.laki_laki, row.perempuan, row.jumlah) == tuple(_by_sex(now, group).values())

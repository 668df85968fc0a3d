"""The publisher reads the real population facade (statistik, ringkasan, monthly report)."""

from control_plane.dashboards import selectors
from control_plane.dashboards.categories import POPULATION_CATEGORIES
from control_plane.dashboards.models import SnapshotValue
from control_plane.dashboards.services import snapshot_publish
from tenants.context import village_context


def test_population_facade_feeds_the_snapshot(village, village_b):
    from village_apps.penduduk import facade

    for v in (village, village_b):
        with village_context(v):
            facade.load_demo_village(village=v)
    with village_context(village):
        summary = facade.ringkasan()
        religion = {r.kode: r.jumlah for r in facade.statistik("agama")}
    snapshot = snapshot_publish(village_id=village.pk)
    snapshot_publish(village_id=village_b.pk)
    assert "village_apps.penduduk.facade" in snapshot.sources
    values = SnapshotValue.objects.filter(snapshot=snapshot)
    total = values.get(category="ringkasan", key="penduduk")
    assert total.jumlah == summary.penduduk > 0
    assert (total.laki_laki, total.perempuan) == (summary.laki_laki, summary.perempuan)
    published = {c for c in values.values_list("category", flat=True)}
    assert set(POPULATION_CATEGORIES) <= published | {"dusun"}
    assert "peristiwa" in published
    # Every population category sums to the population (a partition).
    for category in POPULATION_CATEGORIES:
        rows = values.filter(category=category)
        if rows:
            assert sum(r.jumlah for r in rows) == summary.penduduk, category
    agama = {r.key: r.jumlah for r in values.filter(category="agama")}
    assert agama == {("belum_mengisi" if k is None else str(k)): n for k, n in religion.items()}
    kab = selectors.region_view(code="1801", exact=True, with_children=False)
    both = SnapshotValue.objects.filter(kabupaten_code="1801", category="ringkasan", key="penduduk")
    assert kab.penduduk.jumlah == sum(v.jumlah for v in both)

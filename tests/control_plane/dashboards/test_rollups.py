"""Acceptance 1: after changes in villages the snapshots update, and the exact
kecamatan/kabupaten/provinsi totals equal the sum of their villages in every category."""

from collections import defaultdict

from control_plane.dashboards import selectors
from control_plane.dashboards.models import RegionStat, SnapshotValue, VillageSnapshot
from control_plane.dashboards.services import snapshot_publish
from tenants.context import village_context


def _village_sums(prefix_len: int) -> dict:
    sums: dict = defaultdict(lambda: [0, 0, 0])
    for v in SnapshotValue.objects.all():
        slot = sums[(v.village_code[:prefix_len], v.category, v.key)]
        slot[0] += v.laki_laki or 0
        slot[1] += v.perempuan or 0
        slot[2] += v.jumlah
    return dict(sums)


def _region_totals(level: str) -> dict:
    return {
        (r.region_code, r.category, r.key): [r.laki_laki or 0, r.perempuan or 0, r.jumlah]
        for r in RegionStat.objects.filter(level=level)
    }


def _assert_sums_hold():
    for level, length in (("kecamatan", 6), ("kabupaten", 4), ("provinsi", 2)):
        assert _region_totals(level) == _village_sums(length), level


def test_publish_rolls_up_and_republish_follows_changes(populated, village, village_b, village_x):
    for v in (village, village_b, village_x):
        snapshot_publish(village_id=v.pk)
    _assert_sums_hold()
    kab = selectors.region_view(code="1801", exact=True)
    assert kab.penduduk.jumlah == 83 + 62
    assert kab.on_platform == 2
    prov = selectors.region_view(code="18", exact=True)
    assert prov.penduduk.jumlah == 83 + 62 + 22
    assert {r.code: r.penduduk for r in prov.children if r.has_data} == {"1801": 145, "1802": 22}

    # A change in one village: new residents and a new letter type.
    with village_context(village_b):
        from tests.control_plane.dashboards import uji_facade

        uji_facade.warga_add("L", "katolik", 4, "domisili", keluarga=1)
    before = VillageSnapshot.objects.get(village=village_b)
    snapshot_publish(village_id=village_b.pk)
    after = VillageSnapshot.objects.get(village=village_b)
    assert after.version == before.version + 1
    assert after.generated_at > before.generated_at
    _assert_sums_hold()
    assert selectors.region_view(code="18", exact=True).penduduk.jumlah == 83 + 66 + 22
    kab = selectors.region_view(code="1801", exact=True)
    assert {r.key: r.jumlah for r in kab.table("agama").rows}["katolik"] == 4
    assert {r.key: r.jumlah for r in kab.table("surat").rows}["domisili"] == 4

"""Wilayah hierarchy: placeholders for missing levels, counts per unit, pages."""

from tenants.context import village_context
from village_apps.penduduk.services import penduduk_create
from village_apps.wilayah.models import RT, TANPA
from village_apps.wilayah.selectors import wilayah_tree_get
from village_apps.wilayah.services import dusun_create, rt_create, rw_create, wilayah_ensure


def test_hierarchy_and_counts(village):
    with village_context(village):
        krajan = dusun_create(nama="Krajan")
        rw = rw_create(dusun=krajan, nama="001")
        rt = rt_create(rw=rw, nama="003")
        assert RT.objects.filter(rw__dusun=krajan, nama=TANPA).exists()  # the dusun-level leaf
        assert wilayah_ensure(dusun="Krajan", rw="001", rt="003") == rt
        assert wilayah_ensure(dusun="Baru", rw="", rt="-").rw.nama == TANPA
        for i in range(3):
            penduduk_create(data={"nama": f"W{i}", "sex": 1, "agama_id": 1, "wilayah": rt})
        pohon = {d.nama: d for d in wilayah_tree_get()}
        assert pohon["Krajan"].jumlah_penduduk == 3 and pohon["Baru"].jumlah_penduduk == 0

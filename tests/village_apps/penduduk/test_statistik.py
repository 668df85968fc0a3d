"""The statistics facade: every category, one query each, counts by sex."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.context import village_context
from tests.village_apps.penduduk.conftest import isi_penduduk
from village_apps.contracts import StatRow
from village_apps.penduduk import facade
from village_apps.penduduk.models import Penduduk


def test_every_category_is_one_query_and_adds_up(village, tmp_path):
    isi_penduduk(village, 60, tmp_path)
    with village_context(village):
        hidup = Penduduk.objects.filter(status_dasar=1)
        total = hidup.count()
        laki = hidup.filter(sex=1).count()
        for kategori in facade.STATISTIK_KATEGORI:
            with CaptureQueriesContext(connection) as ctx:
                rows = facade.statistik(kategori)
            assert len(ctx) == 1, kategori
            assert sum(r.jumlah for r in rows) == total, kategori
            assert sum(r.laki_laki for r in rows) == laki, kategori
            assert isinstance(rows[0], StatRow)
        pekerjaan = facade.statistik("pekerjaan")
        assert len(pekerjaan) == 90 and pekerjaan[-1].kode is None  # 89 codes + BELUM MENGISI
        ringkasan = facade.ringkasan()
        assert ringkasan.penduduk == total and ringkasan.keluarga > 0


def test_age_groups_use_the_reference_date(village):
    from village_apps.penduduk.services import penduduk_create

    with village_context(village):
        penduduk_create(
            data={"nama": "Bayi", "sex": 2, "agama_id": 1, "tanggallahir": date(2024, 6, 1)}
        )
        rows = facade.statistik("umur", pada=date(2025, 5, 31))
        assert rows[0].label == "Di bawah 1 Tahun" and rows[0].perempuan == 1
        rows = facade.statistik("umur", pada=date(2025, 6, 1))
        assert rows[1].perempuan == 1  # 1 s/d 4 Tahun


def test_demo_village_is_idempotent(village):
    with village_context(village):
        created = facade.load_demo_village(village=village)
        assert created >= 30
        assert facade.load_demo_village(village=village) == 0
        assert facade.ringkasan().dusun == 3

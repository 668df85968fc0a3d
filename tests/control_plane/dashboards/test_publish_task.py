"""Acceptance 1 end to end: a change inside a village asks for one debounced publish,
the real procrastinate worker publishes it, and the rollups and public suppression follow."""

import pytest
from django.db import connection
from procrastinate.contrib.django import app

from control_plane.dashboards.models import HIDE_ALL, RegionStat, SnapshotValue, VillageSnapshot
from tenants.context import village_context
from tests.control_plane.dashboards import uji_facade


def _queued(village_id: int) -> int:
    with connection.cursor() as c:
        c.execute(
            "SELECT count(*) FROM procrastinate_jobs WHERE queueing_lock = %s AND status = 'todo'",
            [f"dasbor-snapshot-{village_id}"],
        )
        return c.fetchone()[0]


def _run_worker() -> None:
    with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
        worker_app.run_worker(
            queues=["dashboards"], wait=False, install_signal_handlers=False, listen_notify=False
        )


def _touch_village(village) -> None:
    """An ordinary write through a village app model (what a village user's edit does)."""
    from village_apps.profil.models import ProfilDesa

    with village_context(village):
        profil = ProfilDesa.objects.get()
        profil.telepon = "0721-000"
        profil.save()
        profil.save()  # a burst: still one publish


@pytest.mark.django_db(transaction=True)
def test_change_in_village_publishes_once_through_worker(uji_facades, village, village_b):
    with connection.cursor() as c:
        # Provisioning the session villages already asked for their first publish.
        c.execute("DELETE FROM procrastinate_jobs WHERE queue_name = 'dashboards'")
    try:
        with village_context(village):
            uji_facade.table_create()
            uji_facade.warga_add("L", "islam", 7)
            uji_facade.warga_add("P", "hindu", 2)
        _touch_village(village)
        _touch_village(village)
        assert _queued(village.pk) == 1
        _run_worker()
        snapshot = VillageSnapshot.objects.get(village=village)
        assert snapshot.version == 1
        assert snapshot.sources == ["tests.control_plane.dashboards.uji_facade"]
        kab = RegionStat.objects.get(
            level="kabupaten", region_code="1801", category="ringkasan", key="penduduk"
        )
        assert (kab.laki_laki, kab.perempuan, kab.jumlah) == (7, 2, 9)
        # The suppression pass ran too: the 2 Hindu women are hidden, 7 men are not.
        hindu = SnapshotValue.objects.get(snapshot=snapshot, category="agama", key="hindu")
        islam = SnapshotValue.objects.get(snapshot=snapshot, category="agama", key="islam")
        assert hindu.hidden & 2 and islam.hidden != HIDE_ALL

        with village_context(village):
            uji_facade.warga_add("P", "islam", 5)
        _touch_village(village)
        assert _queued(village.pk) == 1
        _run_worker()
        snapshot.refresh_from_db()
        assert snapshot.version == 2
        prov = RegionStat.objects.get(
            level="provinsi", region_code="18", category="ringkasan", key="penduduk"
        )
        assert prov.jumlah == 14
        assert not VillageSnapshot.objects.filter(village=village_b).exists()
    finally:
        with village_context(village):
            uji_facade.table_drop()
        connection.set_schema_to_public()

"""Failure isolation, retry, rings, windows and village statuses (acceptance 1).

These run in the test's transaction (the runner's batches become savepoints), so
whatever they do to the session villages is rolled back.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai_kernel.actor import Actor
from control_plane.fleet import selectors, services
from control_plane.fleet.models import UpgradeAttempt
from tenants.models import Village
from tests.control_plane.fleet.conftest import (
    column_exists,
    migration_source,
    village_code,
    village_make,
)

# Fails in any village whose schema has a table named fleet_blocker (bad data there).
BLOCKABLE = migration_source(
    """
    migrations.AddField(
        model_name="profildesa",
        name="fleet_probe",
        field=models.CharField(max_length=20, null=True, blank=True),
    ),
    migrations.RunSQL(
        "DO $$ BEGIN IF to_regclass('fleet_blocker') IS NOT NULL"
        " THEN RAISE EXCEPTION 'fleet_blocker masih ada'; END IF; END $$;",
        migrations.RunSQL.noop,
    ),
    """,
    kind="heavy",
)


def _block(village) -> None:
    with connection.cursor() as cur:
        cur.execute(f'CREATE TABLE "{village.schema_name}".fleet_blocker (id int)')


def _unblock(village) -> None:
    with connection.cursor() as cur:
        cur.execute(f'DROP TABLE "{village.schema_name}".fleet_blocker')


def _json(*args: str) -> dict:
    out = StringIO()
    try:
        call_command("fleet", *args, "--json", stdout=out)
    except CommandError:
        pass
    return json.loads(out.getvalue())


@pytest.fixture
def fleet(db):
    """Five villages in kabupaten 1899: one blocked, one suspended, one archived."""
    return {
        "ok1": village_make("fleet-ok1", village_code("1899")),
        "ok2": village_make("fleet-ok2", village_code("1899")),
        "bad": village_make("fleet-bad", village_code("1899")),
        "suspended": village_make("fleet-susp", village_code("1899"), status="suspended"),
        "archived": village_make("fleet-arsip", village_code("1899"), status="archived"),
    }


def test_failing_village_is_isolated_reported_and_retried(fleet, probe):
    _block(fleet["bad"])
    probe({"9001_fleet_probe": BLOCKABLE})

    run = services.fleet_upgrade(
        actor=Actor.named("uji"),
        ring="kabupaten:1899",
        max_failure_rate=1.0,
        include_public=False,
        include_template=False,
    )
    assert (run.status, run.succeeded, run.failed) == ("failed", 3, 1)
    for key in ("ok1", "ok2", "suspended"):
        fleet[key].refresh_from_db()
        assert fleet[key].upgrade_status == "ok"
        assert column_exists(fleet[key].schema_name, "profil_profildesa", "fleet_probe")
    # The failed village was rolled back to where it was, nothing half-applied.
    assert not column_exists(fleet["bad"].schema_name, "profil_profildesa", "fleet_probe")
    # Archived villages are not upgraded.
    assert not column_exists(fleet["archived"].schema_name, "profil_profildesa", "fleet_probe")

    status = _json("status")
    assert status["failed_total"] == 1
    (failure,) = status["failed"]
    assert failure["slug"] == "fleet-bad"
    assert "fleet_blocker masih ada" in failure["upgrade_error"]

    # A plain upgrade leaves a failed village alone until ops retries it.
    again = services.fleet_upgrade(
        actor=Actor.named("uji"),
        ring="kabupaten:1899",
        include_public=False,
        include_template=False,
    )
    assert again.total == 0

    _unblock(fleet["bad"])
    retried = _json("retry", "--failed")
    assert (retried["status"], retried["succeeded"], retried["failed"]) == ("completed", 1, 0)
    assert column_exists(fleet["bad"].schema_name, "profil_profildesa", "fleet_probe")
    assert _json("status")["failed_total"] == 0
    plan = selectors.plan_summary(
        selectors.fleet_plan(villages=selectors.upgradable_villages().filter(kabupaten_code="1899"))
    )
    assert plan["villages_to_upgrade"] == 0
    assert UpgradeAttempt.objects.filter(village=fleet["bad"], status="ok").count() == 1


def test_ring_over_failure_rate_halts_before_next_ring(db, probe):
    canary = village_make("fleet-kenari", village_code("1898"), canary=True)
    later = village_make("fleet-nanti", village_code("1899"))
    _block(canary)
    probe({"9001_fleet_probe": BLOCKABLE})

    run = services.fleet_upgrade(
        actor=Actor.named("uji"), include_public=False, include_template=False
    )

    assert run.status == "halted"
    assert run.detail["halted_ring"] == "canary"
    later.refresh_from_db()
    assert later.upgrade_status == ""
    assert not column_exists(later.schema_name, "profil_profildesa", "fleet_probe")


def test_window_is_evaluated_in_village_local_time(db, probe):
    wib = village_make("fleet-wib", village_code("1899"))
    wit = village_make("fleet-wit", village_code("9471"))
    probe({"9001_fleet_probe": BLOCKABLE})
    # 15:30 UTC = 22:30 WIB = 00:30 WIT: a 22:00-23:59 window is open in WIB only.
    at = datetime(2026, 11, 28, 15, 30, tzinfo=UTC)

    run = services.fleet_upgrade(
        actor=Actor.named("uji"),
        ring="all",
        window="22:00-23:59",
        now=at,
        include_public=False,
        include_template=False,
    )

    assert column_exists(wib.schema_name, "profil_profildesa", "fleet_probe")
    assert not column_exists(wit.schema_name, "profil_profildesa", "fleet_probe")
    assert run.deferred >= 1


def test_noop_plan_does_not_open_village_schemas(db, probe):
    villages = [village_make(f"fleet-noop{i}", village_code("1899")) for i in range(4)]
    services.village_states_resolve(villages=selectors.upgradable_villages())

    with CaptureQueriesContext(connection) as few:
        plan = selectors.plan_summary(selectors.fleet_plan())
    assert plan["villages_to_upgrade"] == 0
    assert len(few) <= 4
    assert not any("django_migrations" in q["sql"] for q in few.captured_queries)

    probe({"9001_fleet_probe": BLOCKABLE})
    plan = _json("plan")
    assert plan["villages_to_upgrade"] >= len(villages)
    assert all(g["apply"] == ["profil.9001_fleet_probe"] for g in plan["groups"])
    text = StringIO()
    call_command("fleet", "plan", stdout=text)
    assert "+ profil.9001_fleet_probe" in text.getvalue()


def test_expand_kind_holds_back_heavy_migrations(db, probe):
    village = village_make("fleet-expand", village_code("1899"))
    probe(
        {
            "9001_fleet_expand": migration_source(
                'migrations.AddField("profildesa", "fleet_note", models.TextField(null=True)),'
            ),
            "9002_fleet_heavy": migration_source(
                'migrations.AddIndex("profildesa", models.Index(fields=["fleet_note"], name="fleet_note_idx")),',
                depends_on="9001_fleet_expand",
                kind="heavy",
            ),
        }
    )
    services.village_states_resolve(villages=selectors.upgradable_villages())
    (group,) = [
        g for g in selectors.fleet_plan(kind="expand") if g.source == village.migration_fingerprint
    ]
    assert group.apply == ["profil.9001_fleet_expand"]
    assert group.blocked == ["profil.9002_fleet_heavy"]
    services.fleet_upgrade(
        actor=Actor.named("uji"),
        kind="expand",
        ring="kabupaten:1899",
        include_public=False,
        include_template=False,
    )
    assert column_exists(village.schema_name, "profil_profildesa", "fleet_note")
    with connection.cursor() as cur:
        cur.execute(
            "SELECT 1 FROM pg_indexes WHERE schemaname = %s AND indexname = 'fleet_note_idx'",
            [village.schema_name],
        )
        assert cur.fetchone() is None


def test_village_with_unknown_state_is_read_once_and_brought_forward(db, probe):
    """A restored export from an older release: no recorded fingerprint, an old schema."""
    restored = village_make("fleet-pulih", village_code("1899"))
    Village.objects.filter(pk=restored.pk).update(migration_fingerprint="")
    probe({"9001_fleet_probe": BLOCKABLE})

    run = services.village_upgrade(village=restored, actor=Actor.named("uji"))

    assert (run.status, run.succeeded) == ("completed", 1)
    restored.refresh_from_db()
    assert restored.migration_fingerprint == selectors.code_graph().fingerprint
    assert column_exists(restored.schema_name, "profil_profildesa", "fleet_probe")

"""Ops progress page, the maintenance-page safety net, and check-migrations (acceptance 5)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from control_plane.fleet import selectors
from control_plane.fleet.models import UpgradeRun
from control_plane.fleet.services import migration_state_register
from tenants import routing
from tenants.models import Village
from tests.control_plane.fleet.conftest import migration_source
from tests.support.builders import staff_client, staff_login


def _ops_client() -> Client:
    return staff_client(role="ops", username="ops-armada")[0]


def test_village_behind_required_migration_gets_maintenance_page(village, village_client):
    graph = selectors.code_graph()
    required = sorted(graph.required())
    behind = migration_state_register(migrations=[k for k in graph.order if k != required[-1]])
    Village.objects.filter(pk=village.pk).update(migration_fingerprint=behind)
    routing.cache.clear()
    selectors._lacks_cache.clear()

    response = village_client.get("/")

    assert response.status_code == 503
    assert "pemeliharaan" in response.content.decode()
    # Back at the code's state: served normally again.
    Village.objects.filter(pk=village.pk).update(migration_fingerprint=graph.fingerprint)
    routing.cache.clear()
    assert village_client.get("/").status_code != 503


def test_village_missing_only_a_contract_migration_is_served(village, village_client, probe):
    probe(
        {
            "9001_fleet_drop": migration_source(
                'migrations.RemoveField("profildesa", "telepon"),', kind="contract"
            )
        }
    )
    graph = selectors.code_graph()
    assert graph.kinds[("profil", "9001_fleet_drop")] == "contract"
    older = [k for k in graph.order if k != ("profil", "9001_fleet_drop")]
    Village.objects.filter(pk=village.pk).update(
        migration_fingerprint=migration_state_register(migrations=older)
    )
    routing.cache.clear()
    assert village_client.get("/").status_code != 503


def test_progress_page_is_for_ops_staff_only(db, public_client, village):
    UpgradeRun.objects.create(kind="expand", ring="all", actor="uji", total=10, succeeded=4)
    Village.objects.filter(pk=village.pk).update(
        upgrade_status="failed", upgrade_error="ProgrammingError: kolom sudah ada"
    )
    assert public_client.get("/ops/fleet/").status_code in (302, 403)

    response = _ops_client().get("/ops/fleet/")

    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="40"' in body
    assert "kolom sudah ada" in body and village.name in body
    data = _ops_client_json()
    assert data["failed_total"] == 1


def _ops_client_json() -> dict:
    from django.contrib.auth import get_user_model

    client = staff_login(get_user_model().objects.get(username="ops-armada"))
    return client.get("/ops/fleet/status.json").json()


def _check(*apps: str) -> tuple[bool, dict]:
    out = StringIO()
    args = [a for app in apps for a in ("--app", app)]
    try:
        call_command("fleet", "check-migrations", *args, "--json", stdout=out)
        ok = True
    except CommandError:
        ok = False
    return ok, json.loads(out.getvalue())


def test_every_project_migration_is_classified(db):
    """The same gate CI runs, inside the suite: an unmarked NOT NULL column fails here first."""
    ok, report = _check()
    assert ok, report["problems"]


def test_check_migrations_fails_on_unmarked_remove_field(db, probe):
    probe({"9001_fleet_drop": migration_source('migrations.RemoveField("profildesa", "telepon"),')})
    ok, report = _check("profil")
    assert not ok
    assert any("profil.9001_fleet_drop" in p and "contract" in p for p in report["problems"])


def test_check_migrations_accepts_marked_contract_and_flags_misclassified(db, probe):
    probe(
        {
            "9001_fleet_drop": migration_source(
                'migrations.RemoveField("profildesa", "telepon"),', kind="contract"
            ),
            "9002_fleet_index": migration_source(
                'migrations.AddIndex("profildesa", models.Index(fields=["nama_desa"], name="fleet_nama")),',
                depends_on="9001_fleet_drop",
                kind="expand",
            ),
            "9003_fleet_add": migration_source(
                'migrations.AddField("profildesa", "fleet_x", models.TextField(null=True)),',
                depends_on="9002_fleet_index",
            ),
        }
    )
    ok, report = _check("profil")
    assert not ok
    assert report["problems"] == [
        "profil.9002_fleet_index: diklasifikasikan 'expand', operasinya butuh 'heavy'"
    ]
    kinds = {m["migration"]: m["kind"] for m in report["migrations"]}
    assert kinds["profil.9001_fleet_drop"] == "contract"
    assert kinds["profil.9003_fleet_add"] == "expand"


@pytest.mark.parametrize(
    ("operation", "needs"),
    [
        (
            'migrations.AddField("profildesa", "fleet_y", models.IntegerField(default=0)),',
            "contract",
        ),
        (
            'migrations.AddField("profildesa", "fleet_y", models.IntegerField(db_default=0)),',
            "expand",
        ),
        ('migrations.RunSQL("SELECT 1"),', "heavy"),
        ('migrations.RenameField("profildesa", "telepon", "nomor_telepon"),', "contract"),
    ],
)
def test_operations_are_classified(db, probe, operation, needs):
    probe({"9001_fleet_op": migration_source(operation)})
    _ok, report = _check("profil")
    (entry,) = [m for m in report["migrations"] if m["migration"] == "profil.9001_fleet_op"]
    assert entry["needs"] == needs
    assert bool(entry["problems"]) == (needs != "expand")

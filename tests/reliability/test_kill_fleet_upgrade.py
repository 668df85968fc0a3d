"""Kill the fleet runner (``manage.py fleet upgrade``) while it migrates villages.

Killed while a village's migration is running inside its transaction, the runner
leaves every village either at the old or at the new version, and each village's
recorded migration state equals its schema's ``django_migrations``. The killed run
is reported as interrupted, and running the same command again finishes exactly
the villages that were left.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from control_plane.fleet.models import MigrationState, UpgradeAttempt, UpgradeRun
from tenants import schema
from tenants.models import SchemaTemplate, Village
from tests.control_plane.fleet.conftest import (  # noqa: F401 - probe is a fixture
    column_exists,
    fleet_subprocess,
    migration_source,
    probe,
    village_code,
    village_make,
    villages_remove,
)
from tests.reliability.faults import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

KABUPATEN = "1897"
SLOW = migration_source(
    """
    migrations.AddField("profildesa", "fault_col", models.TextField(null=True)),
    migrations.RunSQL("SELECT pg_sleep(0.5)", migrations.RunSQL.noop),
    """,
    kind="heavy",
)


def _sleeping_backend() -> int | None:
    """A backend of the runner inside a village's migration (after its ALTER TABLE)."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pid FROM pg_stat_activity WHERE state = 'active'"
            " AND query LIKE %s AND pid <> pg_backend_pid()",
            ["%pg_sleep(0.5)%"],
        )
        row = cur.fetchone()
    return row[0] if row else None


def assert_each_village_old_or_new(villages, old_fp: str, new_fp: str) -> dict[str, set[int]]:
    """Recorded state == schema's django_migrations, and it is one of the two versions."""
    at: dict[str, set[int]] = {old_fp: set(), new_fp: set()}
    for v in Village.objects.filter(pk__in=[v.pk for v in villages]):
        applied = schema.schema_applied_migrations(v.schema_name)
        assert schema.fingerprint(applied) == v.migration_fingerprint, v.slug
        recorded = MigrationState.objects.get(fingerprint=v.migration_fingerprint).migrations
        assert sorted(recorded) == sorted(f"{a}.{n}" for a, n in applied), v.slug
        assert v.migration_fingerprint in at, v.slug
        at[v.migration_fingerprint].add(v.pk)
        upgraded = v.migration_fingerprint == new_fp
        # The DDL went with the record: a half-applied migration would show here.
        assert column_exists(v.schema_name, "profil_profildesa", "fault_col") == upgraded
        assert v.upgrade_status == ("ok" if upgraded else ""), v.slug
        assert UpgradeAttempt.objects.filter(village=v, status="ok").count() == int(upgraded)
    return at


def test_runner_killed_mid_village_leaves_each_village_old_or_new(probe):  # noqa: F811
    template = f"balai_template_fault_{uuid.uuid4().hex[:8]}"
    tag = uuid.uuid4().hex[:4]
    villages = [village_make(f"fleet-mati-{tag}{i}", village_code(KABUPATEN)) for i in range(5)]
    old_fp = villages[0].migration_fingerprint
    templates_before = set(SchemaTemplate.objects.values_list("fingerprint", flat=True))
    schema.schema_create_from_template(template)  # the runner's template step stays short
    p = probe({"9101_fault_col": SLOW})
    args = ("upgrade", "--ring", f"kabupaten:{KABUPATEN}", "--batch-size", "1", "--json")
    try:
        first = fleet_subprocess(p, template, *args, start_new_session=True)
        # Mid-operation: two villages committed, a third inside its migration.
        wait_until(
            lambda: (
                UpgradeAttempt.objects.filter(village__in=villages, status="ok").count() >= 2
                and _sleeping_backend()
            ),
            timeout=120,
            what="runner inside the third village",
            proc=first,
        )
        os.killpg(first.pid, signal.SIGKILL)
        first.communicate(timeout=30)
        wait_until(lambda: not _sleeping_backend(), timeout=30, what="killed backend gone")

        killed = UpgradeRun.objects.order_by("-id").first()
        new_fp = killed.detail["groups"][0]["target"]
        at = assert_each_village_old_or_new(villages, old_fp, new_fp)
        assert len(at[new_fp]) >= 2 and at[old_fp], at
        # The killed run is reported interrupted as soon as anyone looks, not "running".
        with contextlib.suppress(CommandError):  # non-zero only for failed villages
            call_command("fleet", "status", "--json", stdout=io.StringIO())
        killed.refresh_from_db()
        assert killed.status == "interrupted" and killed.finished_at is not None

        # Recovery: the same command again finishes exactly the rest.
        out = io.StringIO()
        with override_settings(TEMPLATE_SCHEMA_NAME=template):
            call_command("fleet", *args, stdout=out)
        result = json.loads(out.getvalue())
        assert result["status"] == "completed"
        assert result["succeeded"] == len(at[old_fp]) and result["failed"] == 0
        final = assert_each_village_old_or_new(villages, old_fp, new_fp)
        assert final[new_fp] == {v.pk for v in villages}
        assert (
            set(
                UpgradeAttempt.objects.filter(run_id=result["id"]).values_list(
                    "village_id", flat=True
                )
            )
            == at[old_fp]
        )
        killed.refresh_from_db()
        assert killed.status == "interrupted"
    finally:
        villages_remove(villages)
        with connection.cursor() as cur:
            cur.execute(f'DROP SCHEMA IF EXISTS "{template}" CASCADE')
        SchemaTemplate.objects.exclude(fingerprint__in=templates_before).delete()

"""Kill the runner mid-run; the next run finishes exactly the rest (acceptance 2)."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest
from django.db import connection

from control_plane.fleet.models import UpgradeAttempt
from tenants import schema
from tenants.models import SchemaTemplate, Village
from tests.control_plane.fleet.conftest import (
    column_exists,
    fleet_subprocess,
    migration_source,
    village_code,
    village_make,
    villages_remove,
)

TEMPLATE = "balai_template_fleet_uji"
SLOW = migration_source(
    """
    migrations.AddField("profildesa", "fleet_slow", models.TextField(null=True)),
    migrations.RunSQL("SELECT pg_sleep(0.4)", migrations.RunSQL.noop),
    """,
    kind="heavy",
)


def _probe_rows(schema_name: str) -> int:
    with connection.cursor() as cur:
        cur.execute(
            f'SELECT count(*) FROM "{schema_name}".django_migrations'  # noqa: S608 - test schema
            " WHERE app = 'profil' AND name = '9001_fleet_slow'"
        )
        return cur.fetchone()[0]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_killed_run_resumes_with_exactly_the_remaining_villages(probe):
    villages = [village_make(f"fleet-bunuh{i}", village_code("1899")) for i in range(6)]
    fingerprints = set(SchemaTemplate.objects.values_list("fingerprint", flat=True))
    # The runner's template step then only has to apply the one new migration.
    schema.schema_create_from_template(TEMPLATE)
    p = probe({"9001_fleet_slow": SLOW})
    args = ("upgrade", "--ring", "kabupaten:1899", "--batch-size", "1", "--json")
    try:
        first = fleet_subprocess(p, TEMPLATE, *args, "--parallel", "2", start_new_session=True)
        deadline = time.monotonic() + 120
        while UpgradeAttempt.objects.filter(status="ok").count() < 2:
            assert first.poll() is None, first.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "runner made no progress"
            time.sleep(0.1)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        time.sleep(1.5)  # let the killed backends finish their statement and roll back

        done_before = set(
            UpgradeAttempt.objects.filter(status="ok").values_list("village_id", flat=True)
        )
        assert 2 <= len(done_before) < len(villages)
        for v in villages:  # every village is either fully upgraded or untouched
            upgraded = column_exists(v.schema_name, "profil_profildesa", "fleet_slow")
            assert upgraded == (v.pk in done_before) == (_probe_rows(v.schema_name) == 1)

        second = fleet_subprocess(p, TEMPLATE, *args)
        out, err = second.communicate(timeout=180)
        assert second.returncode == 0, err
        result = json.loads(out)
        assert result["succeeded"] == len(villages) - len(done_before)
        assert result["failed"] == 0

        for v in villages:
            assert _probe_rows(v.schema_name) == 1
            assert UpgradeAttempt.objects.filter(village=v, status="ok").count() == 1
        redone = set(
            UpgradeAttempt.objects.filter(run_id=result["id"]).values_list("village_id", flat=True)
        )
        assert redone == {v.pk for v in villages} - done_before
        assert (
            len(
                set(
                    Village.objects.filter(pk__in=[v.pk for v in villages]).values_list(
                        "migration_fingerprint", flat=True
                    )
                )
            )
            == 1
        )
    finally:
        villages_remove(villages)
        with connection.cursor() as cur:
            cur.execute(f'DROP SCHEMA IF EXISTS "{TEMPLATE}" CASCADE')
        SchemaTemplate.objects.exclude(fingerprint__in=fingerprints).delete()

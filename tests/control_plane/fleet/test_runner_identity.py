"""The fleet runner's result equals Django's own migrate, schema for schema (acceptance 3)."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from balai_kernel.actor import Actor
from control_plane.fleet import services
from tenants import schema
from tests.control_plane.fleet.conftest import (
    migration_source,
    village_code,
    village_make,
    villages_remove,
)

# An expand step (new table with FK and index, nullable and db_default columns), a
# heavy step (index on an existing table, backfill) and a contract step (dropping a
# foreign key, whose constraint name Django finds by introspection).
STEPS = {
    "9001_fleet_expand": migration_source(
        """
        migrations.CreateModel(
            name="FleetProbeItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ("label", models.CharField(max_length=50)),
                ("profil", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="profil.profildesa")),
            ],
            options={"indexes": [models.Index(fields=["label"], name="fleet_probe_label")]},
        ),
        migrations.AddField("profildesa", "fleet_note", models.TextField(null=True)),
        migrations.AddField("profildesa", "fleet_level", models.IntegerField(db_default=0)),
        """
    ),
    "9002_fleet_heavy": migration_source(
        """
        migrations.AddIndex("profildesa", models.Index(fields=["nama_desa", "fleet_level"], name="fleet_probe_idx")),
        migrations.AlterField("fleetprobeitem", "label", models.CharField(max_length=80, db_index=True)),
        migrations.RunSQL("UPDATE profil_profildesa SET fleet_note = 'x' WHERE fleet_note IS NULL", migrations.RunSQL.noop),
        """,
        depends_on="9001_fleet_expand",
        kind="heavy",
    ),
    "9003_fleet_contract": migration_source(
        'migrations.RemoveField("fleetprobeitem", "profil"),',
        depends_on="9002_fleet_heavy",
        kind="contract",
    ),
}


def _normalised(schema_name: str) -> str:
    sql = schema.pg_dump_schema(schema_name, data=False)
    sql = re.sub(rf"\b{schema_name}\b", "S", sql)
    return "\n".join(
        line
        for line in sql.splitlines()
        if line
        and not line.startswith(("--", "\\", "SET ", "SELECT pg_catalog.set_config"))
        and not schema.SERVER_ATTOPTION.match(line)  # server-managed, differs per schema
    )


def _rows(schema_name: str, sql: str) -> list[tuple]:
    with connection.cursor() as cur:
        cur.execute(f'SET search_path TO "{schema_name}"')
        cur.execute(sql)
        rows = cur.fetchall()
        cur.execute("SET search_path TO public")
    return rows


@pytest.mark.django_db(transaction=True)
def test_fleet_runner_matches_django_migrate(probe):
    village = village_make("fleet-identik", village_code("1899"))
    other = "v_fleet_django"
    schema.schema_drop(other)
    try:
        schema.schema_create_from_template(other)
        probe(STEPS)

        run = services.fleet_upgrade(
            actor=Actor.named("uji"),
            ring="kabupaten:1899",
            include_public=False,
            include_template=False,
        )
        assert (run.status, run.succeeded) == ("completed", 1)
        schema.migrate_schema(other)  # Django's executor, as migrate_schemas runs it
        connection.set_schema_to_public()

        assert _normalised(village.schema_name) == _normalised(other)
        assert "fleet_probe_idx" in _normalised(other)
        for query in (
            "SELECT app, name FROM django_migrations ORDER BY 1, 2",
            "SELECT app_label, model FROM django_content_type ORDER BY 1, 2",
            "SELECT ct.app_label, p.codename FROM auth_permission p"
            " JOIN django_content_type ct ON ct.id = p.content_type_id ORDER BY 1, 2",
            "SELECT fleet_note FROM profil_profildesa ORDER BY id",
        ):
            assert _rows(village.schema_name, query) == _rows(other, query), query
    finally:
        villages_remove([village])
        schema.schema_drop(other)

"""Standby schemas: provisioning renames one instead of replaying the template's DDL;
stale ones are never handed out."""

import pytest
from django.core.management import call_command
from django.db import connection
from django_tenants.utils import schema_context

from balai_kernel.actor import Actor
from control_plane.onboarding.models import SchemaPoolEntry
from control_plane.provisioning import services
from tenants import schema
from tenants.models import Village


def pool_schemas() -> set[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'pool\\_%'")
        return {r[0] for r in cur.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_village_gets_a_standby_schema(wilayah):
    schema.schema_drop("v_kolam_uji")
    try:
        call_command("villages", "pool-fill", "--size", "2", "--json")
        assert len(pool_schemas()) == 2 == SchemaPoolEntry.objects.count()
        # A stale entry (older migration state) is dropped, never used.
        SchemaPoolEntry.objects.filter(pk=SchemaPoolEntry.objects.first().pk).update(
            fingerprint="lama"
        )
        stale = SchemaPoolEntry.objects.get(fingerprint="lama").schema_name
        fresh = SchemaPoolEntry.objects.get(fingerprint=schema.code_fingerprint()).schema_name
        village = services.village_register(
            code="1801042013", slug="kolam-uji", actor=Actor.named("t")
        )
        services.village_provision(
            village=village, actor=Actor.named("t"), admin_password="sandi-uji-1234"
        )
        village.refresh_from_db()
        assert village.status == "active"
        assert village.migration_fingerprint == schema.code_fingerprint()
        assert fresh not in pool_schemas()  # renamed to the village's schema
        with schema_context(village.schema_name):
            from village_apps.profil.models import ProfilDesa

            assert ProfilDesa.objects.get().nama_desa == "Banjar Negeri"
        assert schema.fingerprint(schema.schema_applied_migrations("v_kolam_uji")) == (
            schema.code_fingerprint()
        )
        services.schema_pool_fill(size=1)
        assert stale not in pool_schemas() and len(pool_schemas()) == 1
    finally:
        Village.objects.filter(slug="kolam-uji").delete()
        schema.schema_drop("v_kolam_uji")
        for name in pool_schemas():
            schema.schema_drop(name)
        SchemaPoolEntry.objects.all().delete()

"""A village made from the template is identical to one migrated by Django."""

import pytest
from django.db import connection

from tenants import schema
from tests.support.schema_dump import schema_dump_lines


@pytest.mark.django_db(transaction=True)
def test_clone_matches_django_migrate():
    for name in ("v_uji_clone", "v_uji_migrate"):
        schema.schema_drop(name)
    try:
        schema.schema_create_from_template("v_uji_clone")
        with connection.cursor() as cur:
            cur.execute('CREATE SCHEMA "v_uji_migrate"')
        schema.migrate_schema("v_uji_migrate")
        connection.set_schema_to_public()
        assert schema_dump_lines("v_uji_clone", data=False) == schema_dump_lines(
            "v_uji_migrate", data=False
        )
        assert schema.schema_applied_migrations("v_uji_clone") == schema.schema_applied_migrations(
            "v_uji_migrate"
        )
    finally:
        for name in ("v_uji_clone", "v_uji_migrate"):
            schema.schema_drop(name)


@pytest.mark.django_db(transaction=True)
def test_clone_is_idempotent_and_all_or_nothing():
    schema.schema_drop("v_uji_idem")
    try:
        fp = schema.schema_create_from_template("v_uji_idem")
        assert schema.schema_create_from_template("v_uji_idem") == fp
    finally:
        schema.schema_drop("v_uji_idem")


def test_invalid_schema_names_are_refused(db):
    with pytest.raises(ValueError):
        schema.schema_create_from_template("public")
    with pytest.raises(ValueError):
        schema.schema_create_from_template("x; DROP TABLE y")


@pytest.mark.django_db
def test_template_thread_gives_up_on_a_lock_held_by_its_own_caller(settings):
    """Provisioning inside a transaction makes a missing template on a thread of its own
    and waits for it. If the caller's transaction holds what the thread needs, the two
    would wait for each other forever; the thread's lock wait is bounded instead."""
    from django.db import transaction

    settings.TEMPLATE_LOCK_WAIT = "300ms"
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute("LOCK TABLE tenants_schematemplate IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(Exception, match="lock timeout"):
            schema._template_ensure_committed()

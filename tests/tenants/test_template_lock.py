"""Two template refreshes at once run one after the other.

django-tenants' ``run_migrations`` closes Django's connection when it finishes; the
advisory lock used to live on that connection, so it was gone before the template's
SQL was read and stored and a second refresh ran into the first one's work (dropping
the schema the first was reading). The lock now lives on a connection of its own."""

import threading
import time

import pytest
from django.db import connection, connections

from tenants import schema
from tenants.models import SchemaTemplate

NAME = "balai_template_locktest"


@pytest.mark.django_db(transaction=True)
def test_two_template_refreshes_at_once_are_serialised(settings, monkeypatch):
    settings.TEMPLATE_SCHEMA_NAME = NAME
    spans: dict[str, list[float]] = {}
    errors: list[BaseException] = []
    real_read = schema.template_sql_read
    template = schema.template_sql()

    def migrate(name, verbosity=0):
        """Stands in for django-tenants' ``run_migrations`` (the template's state, quickly),
        ending as it does: Django's connection closed."""
        spans.setdefault(threading.current_thread().name, []).append(time.monotonic())
        with connection.cursor() as cur:
            cur.execute(f'DROP SCHEMA "{name}"')
            cur.execute(template.replace("__SCHEMA__", name))
        connection.close()

    def read(name):
        time.sleep(0.5)  # a slow catalog: the window in which the old lock was already gone
        sql = real_read(name)
        spans[threading.current_thread().name].append(time.monotonic())
        return sql

    monkeypatch.setattr(schema, "migrate_schema", migrate)
    monkeypatch.setattr(schema, "template_sql_read", read)

    def refresh():
        try:
            schema.template_ensure(force=True)
        except BaseException as exc:  # noqa: BLE001 - reported by the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=refresh, name=f"refresh-{i}") for i in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert not errors, errors
        (a_start, a_end), (b_start, b_end) = sorted(spans.values())
        assert a_end <= b_start, f"refreshes overlapped: {spans}"
        fp = schema.code_fingerprint()
        stored = SchemaTemplate.objects.get(fingerprint=fp).sql
        assert "CREATE TABLE __SCHEMA__.django_migrations (" in stored
        assert NAME not in stored
    finally:
        with connection.cursor() as cur:
            cur.execute(f'DROP SCHEMA IF EXISTS "{NAME}" CASCADE')

"""Village schema operations: the template schema and fast cloning from it.

Running Django migrations per new village costs ~1.2–1.6 s (more as schemas grow,
see shared/MEASUREMENTS.md). Instead one template schema is kept at the current
migration state; its DDL and seed rows are read once per migration fingerprint from
the template's own catalog entries (``tenants.ddl``, never ``pg_dump``, whose cost
grows with every village in the database), stored, and replayed into a new schema in a
single round trip inside one transaction, so a failure leaves no half-made schema.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django_tenants.utils import get_tenant_types, schema_exists

from tenants.models import SchemaTemplate

log = logging.getLogger(__name__)

TEMPLATE_LOCK_ID = 0x42414C4149  # advisory lock key ("BALAI")
_SCHEMA_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
SERVER_ATTOPTION = re.compile(r"^ALTER TABLE ONLY \S+ ALTER COLUMN \S+ SET \(pg_attver=\d+\);$")


def tenant_app_labels() -> list[str]:
    from django.apps import apps

    labels = []
    for name in settings.TENANT_APPS:
        for config in apps.get_app_configs():
            if config.name == name:
                labels.append(config.label)
    return labels


def code_migrations() -> list[tuple[str, str]]:
    """All migrations of tenant apps known to the code, sorted (app, name)."""
    loader = MigrationLoader(None, ignore_no_migrations=True, load=True)
    labels = set(tenant_app_labels())
    return sorted(key for key in loader.disk_migrations if key[0] in labels)


def fingerprint(migrations: list[tuple[str, str]]) -> str:
    text = "\n".join(f"{app}.{name}" for app, name in sorted(migrations))
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def code_fingerprint() -> str:
    return fingerprint(code_migrations())


def schema_applied_migrations(schema_name: str) -> list[tuple[str, str]]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = 'django_migrations'",
            [schema_name],
        )
        if cur.fetchone() is None:
            return []
        cur.execute(f'SELECT app, name FROM "{schema_name}".django_migrations')  # noqa: S608 - validated name
        labels = set(tenant_app_labels())
        return sorted((a, n) for a, n in cur.fetchall() if a in labels)


def _validate(schema_name: str) -> None:
    if not _SCHEMA_RE.match(schema_name) or schema_name in {
        "public",
        "pg_catalog",
        "information_schema",
    }:
        raise ValueError(f"invalid schema name: {schema_name!r}")


def migrate_schema(schema_name: str, verbosity: int = 0) -> None:
    """Run Django's migrations for the tenant apps in one schema (slow path)."""
    from django.core.management.commands.migrate import Command as MigrateCommand
    from django_tenants.migration_executors.base import run_migrations

    parser = MigrateCommand().create_parser("manage.py", "migrate")
    options = vars(parser.parse_args([]))
    options.update(verbosity=verbosity, interactive=False, database="default", skip_checks=True)
    tenant_type = next(iter(get_tenant_types()), "")
    run_migrations(
        args=[],
        options=options,
        executor_codename="balai",
        schema_name=schema_name,
        tenant_type="" if tenant_type == "public" else tenant_type,
    )


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        PGHOST=str(db.get("HOST") or ""),
        PGPORT=str(db.get("PORT") or ""),
        PGUSER=str(db.get("USER") or ""),
        PGDATABASE=str(db["NAME"]),
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return {k: v for k, v in env.items() if v != ""}


def pg_dump(schema_name: str, *options: str) -> bytes:
    """Plain dump of one schema by the wheel's pg_dump, without owners, grants or comments.

    pg_dump takes a shared lock on every table of the schema before it reads. A caller
    whose own open transaction holds a conflicting lock (a migration altering that
    table, say) would wait for pg_dump while pg_dump waits for it, and PostgreSQL cannot
    see a deadlock that runs through a client: both waits are bounded
    (``settings.PG_DUMP_*``), so that it fails with a message."""
    _validate(schema_name)
    args = [
        str(Path(settings.PG_BIN_DIR) / "pg_dump"),
        "--schema",
        schema_name,
        f"--lock-wait-timeout={settings.PG_DUMP_LOCK_WAIT}",
        "--no-owner",
        "--no-privileges",
        "--no-comments",
        "--no-publications",
        "--no-subscriptions",
        "--no-security-labels",
        "--no-tablespaces",
        *options,
    ]
    env = _pg_env()
    where = f"{env.get('PGHOST', '')}:{env.get('PGPORT', '')}/{env.get('PGDATABASE', '')}"
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, validated schema name
            args,
            env=env,
            capture_output=True,
            check=False,
            timeout=settings.PG_DUMP_TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(
            f"pg_dump of {schema_name} on {where} took over {settings.PG_DUMP_TIMEOUT_SECONDS} s"
        ) from exc
    if result.returncode != 0:
        stderr = result.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"pg_dump of {schema_name} on {where} failed: {stderr}")
    return result.stdout


def pg_dump_schema(schema_name: str, *, data: bool = True) -> str:
    """Text dump of one schema: DDL, and (``data``) seed rows as INSERTs."""
    options = ["--inserts", "--rows-per-insert=500"] if data else ["--schema-only"]
    return pg_dump(schema_name, *options).decode()


def _clean_dump(sql: str) -> str:
    """Keep only SQL statements: drop psql meta-commands, SETs and comments."""
    keep = []
    for line in sql.splitlines():
        if line.startswith(("\\", "--", "SET ")) or line.startswith("SELECT pg_catalog.set_config"):
            continue
        if SERVER_ATTOPTION.match(line):
            continue  # per-column versions some PostgreSQL builds manage themselves
        keep.append(line)
    return "\n".join(keep).strip() + "\n"


def template_sql() -> str:
    """SQL that recreates the template schema (named ``__SCHEMA__``), for the code's state."""
    fp = code_fingerprint()
    return _template_sql_cached(fp)


@cache
def _template_sql_cached(fp: str) -> str:
    row = SchemaTemplate.objects.filter(fingerprint=fp).values_list("sql", flat=True).first()
    if row is None:
        _template_ensure_committed()
        row = SchemaTemplate.objects.get(fingerprint=fp).sql
    return row


def _template_ensure_committed() -> None:
    """Make the template on a connection of its own, so that it is committed (other
    sessions clone from it) even when the caller is inside a transaction, as a
    provisioning step is."""
    if not connection.in_atomic_block:
        template_ensure()
        return
    errors: list[BaseException] = []

    def work() -> None:
        try:
            # The caller waits for this thread; if the caller's own transaction held a
            # lock the template needs, neither would ever move and PostgreSQL could not
            # tell (the cycle runs through this process). Bounded, it is an error.
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT set_config('lock_timeout', %s, false)", [settings.TEMPLATE_LOCK_WAIT]
                )
            template_ensure(lock_wait=settings.TEMPLATE_LOCK_WAIT)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=work, name="balai-template-ensure")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


@contextmanager
def template_lock(*, lock_wait: str | None = None) -> Iterator[None]:
    """Hold the template refresh lock for the ``with`` block.

    The advisory lock lives on a connection of its own, not on Django's: django-tenants'
    ``run_migrations`` closes Django's connection when it finishes, which released a
    lock taken there before the template's DDL was read and stored (PostgreSQL logged
    "you don't own a lock of type ExclusiveLock" on every refresh), so two refreshes
    overlapped. ``lock_wait`` bounds the wait (a PostgreSQL interval, e.g. ``"120s"``)."""
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as lock_conn:
        if lock_wait:
            lock_conn.execute("SELECT set_config('lock_timeout', %s, false)", [lock_wait])
        lock_conn.execute("SELECT pg_advisory_lock(%s)", [TEMPLATE_LOCK_ID])
        try:
            yield
        finally:
            lock_conn.execute("SELECT pg_advisory_unlock(%s)", [TEMPLATE_LOCK_ID])


def template_ensure(force: bool = False, *, lock_wait: str | None = None) -> str:
    """Make sure the template schema is at the code's migration state; return its fingerprint.

    Creates or refreshes the template (and its stored SQL) when missing or stale.
    Safe to call from several processes and threads: serialised by ``template_lock``.
    The stored SQL is read from the template's own catalog entries (``tenants.ddl``),
    never by ``pg_dump``, whose cost grows with every village in the database.
    """
    name = settings.TEMPLATE_SCHEMA_NAME
    fp = code_fingerprint()
    with template_lock(lock_wait=lock_wait):
        connection.set_schema_to_public()
        stored = SchemaTemplate.objects.filter(fingerprint=fp).exists()
        current = schema_exists(name) and fingerprint(schema_applied_migrations(name)) == fp
        if current and stored and not force:
            return fp
        if not current or force:
            if force and schema_exists(name):
                with connection.cursor() as cur:
                    cur.execute(f'DROP SCHEMA "{name}" CASCADE')
            if not schema_exists(name):
                with connection.cursor() as cur:
                    cur.execute(f'CREATE SCHEMA "{name}"')
            migrate_schema(name)  # closes Django's connection (django-tenants)
            connection.set_schema_to_public()
            if lock_wait:  # the new connection has the server's default again
                with connection.cursor() as cur:
                    cur.execute("SELECT set_config('lock_timeout', %s, false)", [lock_wait])
        template_sql_store(fp=fp, sql=template_sql_read(name))
        log.info("template schema ready", extra={"fingerprint": fp})
        return fp


def template_sql_read(schema_name: str) -> str:
    """The SQL (DDL and seed rows, schema named ``__SCHEMA__``) that recreates a schema."""
    from tenants import ddl

    _validate_or_template(schema_name)
    with connection.cursor() as cur:
        return ddl.schema_ddl(cur, schema_name)


def template_sql_store(*, fp: str, sql: str) -> None:
    SchemaTemplate.objects.update_or_create(fingerprint=fp, defaults={"sql": sql})
    _template_sql_cached.cache_clear()


def _validate_or_template(schema_name: str) -> None:
    if schema_name != settings.TEMPLATE_SCHEMA_NAME:
        _validate(schema_name)


def schema_create_from_template(schema_name: str) -> str:
    """Create ``schema_name`` as a copy of the template in one transaction; return the fingerprint.

    Idempotent: an existing schema at the current state is left alone.
    """
    _validate(schema_name)
    sql = template_sql()
    fp = code_fingerprint()
    connection.set_schema_to_public()
    with transaction.atomic():
        if schema_exists(schema_name):
            if fingerprint(schema_applied_migrations(schema_name)) == fp:
                return fp
            raise RuntimeError(f"schema {schema_name} exists with another migration state")
        with connection.cursor() as cur:
            cur.execute(sql.replace("__SCHEMA__", schema_name))
    connection.set_schema_to_public()
    return fp


def schema_drop(schema_name: str) -> None:
    _validate(schema_name)
    if schema_name == settings.TEMPLATE_SCHEMA_NAME:
        raise ValueError("refusing to drop the template schema")
    connection.set_schema_to_public()
    with connection.cursor() as cur:
        cur.execute(f'DROP SCHEMA IF EXISTS "{schema_name}" CASCADE')

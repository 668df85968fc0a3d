"""The fast fleet runner: compile each migration to SQL once, replay it per village.

Where django-tenants' ``migrate_schemas`` spends its time is per schema: loading the
migration graph, rendering model states and introspecting, for every village. Here
that is done once per *group* of villages sharing a migration state:

1. ``program_compile`` enters one representative village inside a transaction that
   is always rolled back, and for each pending migration asks Django's schema editor
   for its SQL (``collect_sql``) and executes it there, so the next migration's
   introspection sees the schema as Django's executor would. The SQL Django's
   editor emits never names the schema (the search path does), so it is valid for
   every village in the group.
2. ``chunk_apply`` applies a program to a batch of villages in one transaction with
   one savepoint per village: the village's advisory lock, a re-check of its
   recorded state, the SQL, its ``django_migrations`` rows, the content types and
   permissions Django's ``post_migrate`` would add, and its new state on
   ``tenants_village`` all commit together or not at all. A failing village rolls
   back to its savepoint, is recorded as failed, and the batch goes on.

Migrations that cannot be written as SQL (``RunPython``) or are not atomic take the
slow path: Django's executor in that village, still inside its savepoint.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from control_plane.fleet.models import AttemptStatus, UpgradeAttempt
from control_plane.fleet.selectors import UPGRADABLE_STATUSES, code_graph, label_key
from tenants.models import Village

log = logging.getLogger(__name__)

LOCK_NAMESPACE = 0x464C54  # "FLT": pg_advisory_xact_lock(namespace, village id)
LOCK_TIMEOUT = "60s"
_NIK_RE = re.compile(r"\d{16}")


class StateChanged(Exception):
    """The village's schema already holds migrations its recorded state says it lacks."""


@dataclass
class Program:
    """What to do to every village whose state is ``source``."""

    source: str
    target: str
    migrations: list[str]
    script: str | None  # None: Django's executor per village (slow path)
    sync_sql: str = ""
    sync_params: list = field(default_factory=list)


def _sync_statement(state) -> tuple[str, list]:
    """SQL adding the content types and permissions ``post_migrate`` creates for ``state``."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import _get_all_permissions

    state_apps = state.apps
    types, perms = [], []
    for config in global_apps.get_app_configs():
        try:
            state_config = state_apps.get_app_config(config.label)
        except LookupError:
            continue
        for model in state_config.get_models():
            opts = model._meta
            types.append((opts.app_label, opts.model_name))
            if config.models_module is not None:
                perms += [
                    (opts.app_label, opts.model_name, code, name)
                    for code, name in _get_all_permissions(opts)
                ]
    if not types:
        return "", []
    sql = (
        "INSERT INTO django_content_type (app_label, model) "
        "SELECT * FROM unnest(%s::text[], %s::text[]) ON CONFLICT (app_label, model) DO NOTHING;"
    )
    params: list = [[t[0] for t in types], [t[1] for t in types]]
    if perms:
        sql += (
            " INSERT INTO auth_permission (name, content_type_id, codename)"
            " SELECT v.name, ct.id, v.codename"
            " FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[])"
            " AS v(app_label, model, codename, name)"
            " JOIN django_content_type ct ON ct.app_label = v.app_label AND ct.model = v.model"
            " ON CONFLICT (content_type_id, codename) DO NOTHING;"
        )
        params += [[p[i] for p in perms] for i in range(4)]
    return sql, params


def _changes_models(keys: list[tuple[str, str]]) -> bool:
    from django.db import migrations as ops
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return any(
        isinstance(op, ops.CreateModel | ops.AlterModelOptions | ops.RenameModel)
        for key in keys
        for op in loader.graph.nodes[key].operations
    )


def _collect(schema_name: str, keys: list[tuple[str, str]]) -> tuple[list[str], object]:
    """SQL of ``keys`` as Django would run it in ``schema_name``; nothing is kept."""
    statements: list[str] = []
    connection.set_schema_to_public()
    try:
        with transaction.atomic():
            connection.set_schema(schema_name)
            executor = MigrationExecutor(connection)
            state = executor._create_project_state(with_applied_migrations=True)
            for key in keys:
                migration = executor.loader.graph.nodes[key]
                with connection.schema_editor(collect_sql=True, atomic=False) as editor:
                    state = migration.apply(state, editor, collect_sql=True)
                sql = [s for s in editor.collected_sql if not s.startswith("--")]
                with connection.cursor() as cur:
                    for statement in sql:
                        cur.execute(statement)
                statements += sql
            transaction.set_rollback(True)
    finally:
        connection.set_schema_to_public()
    return statements, state


def program_compile(
    *, source: str, target: str, migrations: list[str], schemas: list[str]
) -> Program:
    """Compile the group's pending migrations against one of ``schemas`` (tried in order)."""
    keys = [label_key(m) for m in migrations]
    graph = code_graph()
    program = Program(source=source, target=target, migrations=migrations, script=None)
    if all(graph.fast[k] for k in keys):
        for schema_name in schemas[:3]:
            try:
                statements, state = _collect(schema_name, keys)
            except DatabaseError:
                log.warning("compile failed on representative, trying another")
                continue
            program.script = "\n".join(statements)
            if _changes_models(keys):
                program.sync_sql, program.sync_params = _sync_statement(state)
            return program
    # Slow path: content types/permissions for the target state, rendered once.
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    state = loader.project_state(nodes=[k for k in graph.order if k in set(keys)] or None)
    program.sync_sql, program.sync_params = _sync_statement(state)
    return program


def _error_text(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".strip()
    return _NIK_RE.sub("[disembunyikan]", text)[:2000]


def _run_slow(keys: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    plan = [(executor.loader.graph.nodes[k], False) for k in keys]
    executor.migrate([], plan=plan)


def _village_apply(
    *, run_id: int, village_id: int, programs: dict[str, Program], release: str
) -> str:
    started = time.monotonic()
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, village_id])
    except DatabaseError:
        return "skipped"  # another runner holds it past the lock timeout
    row = (
        Village.objects.filter(pk=village_id)
        .values_list("schema_name", "migration_fingerprint", "status", "upgrade_status")
        .first()
    )
    if row is None or row[2] not in UPGRADABLE_STATUSES or row[1] not in programs:
        return "skipped"  # done by another runner meanwhile, or no longer upgradable
    schema_name, source, _status, _upgrade_status = row
    program = programs[source]
    now = timezone.now()
    try:
        with transaction.atomic():
            connection.set_schema(schema_name)
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT count(*) FROM django_migrations WHERE app || '.' || name = ANY(%s)",
                    [program.migrations],
                )
                if cur.fetchone()[0]:
                    raise StateChanged("skema sudah memuat sebagian migrasi yang direncanakan")
                if program.script is not None:
                    cur.execute(program.script)
                    cur.execute(
                        "INSERT INTO django_migrations (app, name, applied)"
                        " SELECT a, n, now() FROM unnest(%s::text[], %s::text[]) AS m(a, n)",
                        [
                            [label_key(m)[0] for m in program.migrations],
                            [label_key(m)[1] for m in program.migrations],
                        ],
                    )
            if program.script is None:
                _run_slow([label_key(m) for m in program.migrations])
            if program.sync_sql:
                with connection.cursor() as cur:
                    cur.execute(program.sync_sql, program.sync_params)
            connection.set_schema_to_public()
            Village.objects.filter(pk=village_id).update(
                migration_fingerprint=program.target,
                release=release,
                upgrade_status="ok",
                upgrade_error="",
                last_upgrade_at=now,
            )
            UpgradeAttempt.objects.create(
                run_id=run_id,
                village_id=village_id,
                status=AttemptStatus.OK,
                from_fingerprint=source,
                to_fingerprint=program.target,
                migrations=program.migrations,
                duration_ms=int((time.monotonic() - started) * 1000),
            )
        return "ok"
    except Exception as exc:  # noqa: BLE001 - any failure is this village's, recorded and isolated
        connection.set_schema_to_public()
        error = _error_text(exc)
        Village.objects.filter(pk=village_id).update(
            upgrade_status="failed", upgrade_error=error, last_upgrade_at=now
        )
        UpgradeAttempt.objects.create(
            run_id=run_id,
            village_id=village_id,
            status=AttemptStatus.FAILED,
            from_fingerprint=source,
            to_fingerprint=program.target,
            migrations=program.migrations,
            error=error,
            duration_ms=int((time.monotonic() - started) * 1000),
        )
        log.warning(
            "village upgrade failed", extra={"village_id": village_id, "error": type(exc).__name__}
        )
        return "failed"


def chunk_apply(
    *, run_id: int, village_ids: list[int], programs: dict[str, Program], release: str
) -> dict[str, int]:
    """Upgrade a batch of villages in one transaction, one savepoint each; return counts."""
    counts = {"ok": 0, "failed": 0, "skipped": 0}
    connection.set_schema_to_public()
    try:
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
            for village_id in village_ids:
                outcome = _village_apply(
                    run_id=run_id, village_id=village_id, programs=programs, release=release
                )
                counts[outcome] += 1
    finally:
        connection.set_schema_to_public()
    return counts

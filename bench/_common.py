"""Helpers shared by the benchmarks: a private database, servers, wrk, output format.

Every benchmark prints a readable table and, as its last line, one JSON object:
``{"bench": name, "balai": {...}, "baseline": {...}}`` (times in seconds ``*_s``,
rates ``*_per_s``).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def server_url() -> str:
    """DATABASE_URL of the server to use (the configured one, or the embedded one)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    sys.path.insert(0, str(ROOT / "platform"))
    from balai_site.embedded_db import embedded_database_url

    return embedded_database_url()


# Production settings refuse guessable keys (balai_site.secret_key): one random key per
# benchmark run, shared by the processes it starts through their environment.
BENCH_SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)


def django_setup(db_url: str, *, production: bool = False) -> None:
    """Point Django at the benchmark's database and set it up (in this process).
    ``production``: DEBUG off and quiet logs, as the measured code runs in production."""
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai_site.settings")
    if production:
        os.environ.setdefault("DEBUG", "false")
        os.environ.setdefault("SECRET_KEY", BENCH_SECRET_KEY)
        os.environ.setdefault("LOG_LEVEL", "WARNING")
        os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    sys.path.insert(0, str(ROOT / "platform"))
    import django

    django.setup()


def database_url(name: str) -> str:
    """A private database for one benchmark, created fresh on the server."""
    import psycopg

    base = urlparse(server_url())
    url = urlunparse(base._replace(path=f"/{name}"))
    admin = urlunparse(base._replace(path="/postgres"))
    with psycopg.connect(_libpq(admin), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def _libpq(url: str) -> str:
    import dj_database_url

    cfg = dj_database_url.parse(url)
    parts = {
        "dbname": cfg["NAME"],
        "user": cfg.get("USER"),
        "host": cfg.get("HOST"),
        "port": cfg.get("PORT"),
        "password": cfg.get("PASSWORD"),
    }
    return " ".join(f"{k}={v}" for k, v in parts.items() if v)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(app: str, env: dict[str, str], workers: int = 2):
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--access-logfile",
        "/dev/null",
        "--error-logfile",
        "-",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env})  # noqa: S603
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def wrk(
    port: int, seconds: int, hosts: list[str], path: str, connections: int = 16
) -> dict[str, float]:
    """Run wrk with a random Host header per request; return rate and latency percentiles."""
    if not shutil.which("wrk"):
        sys.exit("bench needs wrk (apt-get install wrk)")
    script = ROOT / "var" / "bench_hosts.lua"
    script.parent.mkdir(exist_ok=True)
    host_list = ",".join(f'"{h}"' for h in hosts)
    script.write_text(
        f"local hosts = {{{host_list}}}\n"
        "math.randomseed(os.time())\n"
        "request = function()\n"
        f'  return wrk.format("GET", "{path}", {{["Host"] = hosts[math.random(#hosts)]}})\n'
        "end\n"
    )
    out = subprocess.run(  # noqa: S603
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = {
        m.group(1): _seconds(m.group(2))
        for m in re.finditer(r"^\s+(\d+)%\s+([\d.]+\w+)", out, re.M)
    }
    errors = sum(
        int(x)
        for x in re.findall(
            r"(?:Non-2xx or 3xx responses|Socket errors:.*?timeout)\s*:?\s*(\d+)", out
        )
    )
    return {
        "requests_per_s": rate,
        "p50_s": pct.get("50"),
        "p99_s": pct.get("99"),
        "errors": errors,
    }


def _seconds(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def median(values: list[float]) -> float:
    return statistics.median(values)


def table(rows: list[list[object]], header: list[str]) -> str:
    cells = [header] + [[f"{c:.4g}" if isinstance(c, float) else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def emit(name: str, balai: dict, baseline: dict) -> None:
    print(json.dumps({"bench": name, "balai": balai, "baseline": baseline}, sort_keys=True))

"""Helpers shared by the benchmarks: a private database, servers, wrk, output format.

Every benchmark prints a readable table and, as its last line, one JSON object:
``{"bench": name, "balai": {...}, "baseline": {...}}`` (times in seconds ``*_s``,
rates ``*_per_s``). Every benchmark runs on a fresh clone with nothing prepared by
hand: it makes its own database, loads what it needs (reference data, static files)
and, with ``--setup-only``, stops after its setup path — data, servers, one warm
request per target — and prints ``{"bench": name, "setup_only": true, …}``
(``tests/bench/test_setup_paths.py`` runs every benchmark that way).
"""

from __future__ import annotations

import json
import math
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
    """A private database for one benchmark, created fresh on the server.

    For tests of the setup paths only: ``BENCH_DB_PREFIX`` keeps their databases apart
    from real runs, and ``BENCH_TEMPLATE_DB`` copies an already migrated database
    instead of an empty one (the migrations are what every benchmark runs first)."""
    import psycopg

    name = os.environ.get("BENCH_DB_PREFIX", "") + name
    template = os.environ.get("BENCH_TEMPLATE_DB", "")
    base = urlparse(server_url())
    url = urlunparse(base._replace(path=f"/{name}"))
    admin = urlunparse(base._replace(path="/postgres"))
    with psycopg.connect(_libpq(admin), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
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


def setup_only_add(parser) -> None:  # noqa: ANN001 - argparse.ArgumentParser
    parser.add_argument(
        "--setup-only",
        action="store_true",
        help="stop after the setup path (smallest data, one warm request per target)",
    )


def setup_done(name: str, **details: object) -> None:
    """End of a ``--setup-only`` run: one JSON line, exit 0."""
    print(json.dumps({"bench": name, "setup_only": True, **details}, sort_keys=True))
    sys.exit(0)


def production_env(db_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production-mode server or command against the bench database
    (DEBUG off, plain HTTP on localhost); ``extra`` adds or overrides variables."""
    return {
        "DATABASE_URL": db_url,
        "DEBUG": "false",
        "SECRET_KEY": BENCH_SECRET_KEY,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def staticfiles_collect(env: dict[str, str] | None = None) -> None:
    """``manage.py collectstatic`` as the image build runs it: production settings
    (``DEBUG`` off) need the hashed manifest, which a fresh clone does not have."""
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": BENCH_SECRET_KEY,
            "DATABASE_URL": os.environ.get("DATABASE_URL") or server_url(),
            **(env or {}),
        },
        check=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running gunicorn: its port and what its access log says (``pid seconds path``)."""

    def __init__(self, port: int, log: Path) -> None:
        self.port, self.log = port, log

    def requests(self) -> list[tuple[str, float]]:
        if not self.log.exists():
            return []
        rows = []
        for line in self.log.read_text().splitlines():
            pid, seconds, *_rest = line.split()
            rows.append((pid, float(seconds)))
        return rows

    def worker_cpu_s(self) -> float:
        """CPU seconds (user + system) the workers that answered so far have used: a
        cost per request that another process's load on the machine hardly moves."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in {pid.strip("<>") for pid, _seconds in self.requests()}:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # a worker that was recycled
            total += int(fields[11]) + int(fields[12])
        return total / ticks

    def first_requests(self) -> dict[str, float]:
        """Each worker's first request, in seconds (server side, as the log times it)."""
        first: dict[str, float] = {}
        for pid, seconds in self.requests():
            first.setdefault(pid, seconds)
        return first

    def warm(self, targets: list[tuple[str, str]], workers: int, timeout: float = 300) -> None:
        """Send requests (``(host, path)``, twice as many at a time as there are
        workers) until every target was asked once and every worker has answered at
        least two: what a worker does on its first requests must not land in a
        measurement. A 5xx answer ends the benchmark: its setup is broken."""
        import http.client
        import threading
        from collections import Counter

        failures: list[str] = []

        def hit(host: str, path: str) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            conn.request("GET", path, headers={"Host": host})
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status >= 500:  # a broken setup (e.g. no static manifest)
                failures.append(f"{host}{path}: {response.status}")

        deadline = time.time() + timeout
        position = 0
        while True:
            batch = [targets[(position + i) % len(targets)] for i in range(workers * 2)]
            position += len(batch)
            threads = [threading.Thread(target=hit, args=target) for target in batch]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            if failures:
                raise SystemExit(f"warm-up failed: {', '.join(sorted(set(failures)))}")
            served = Counter(pid for pid, _seconds in self.requests())
            if position >= len(targets) and len(served) >= workers and min(served.values()) >= 2:
                return
            if time.time() > deadline:
                raise SystemExit(f"workers not all warm after {timeout:.0f} s: {dict(served)}")


@contextmanager
def gunicorn(app: str, env: dict[str, str], workers: int = 2):
    """gunicorn with the production configuration (``infra/gunicorn.conf.py``: the app
    is loaded and warmed before the workers fork), ``workers`` sync workers, and an
    access log of ``pid seconds path`` per request. Yields a ``Server``."""
    port = free_port()
    log = ROOT / "var" / f"bench_access_{port}.log"
    log.parent.mkdir(exist_ok=True)
    log.unlink(missing_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "-c",
        str(ROOT / "infra" / "gunicorn.conf.py"),
        "-w",
        str(workers),
        "--threads",
        "1",
        "-b",
        f"127.0.0.1:{port}",
        "--access-logfile",
        str(log),
        "--access-logformat",
        "%(p)s %(L)s %(U)s %(s)s",
        "--error-logfile",
        "-",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env})  # noqa: S603
    try:
        # The master imports and warms the app before it binds: wait for that.
        deadline = time.time() + 300
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"gunicorn exited with {proc.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        yield Server(port, log)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.unlink(missing_ok=True)


def schemas_clone(names: list[str], sql: str, *, threads: int = 2, batch: int = 10) -> float:
    """Create village schemas from the template SQL as provisioning does, ``batch`` per
    transaction on ``threads`` connections; returns the wall time in seconds."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections, transaction

    def clone(chunk: list[str]) -> None:
        try:
            with transaction.atomic(), connection.cursor() as cur:
                for name in chunk:
                    cur.execute(sql.replace("__SCHEMA__", name))
        finally:
            connections.close_all()

    connection.close()
    batches = [names[i : i + batch] for i in range(0, len(names), batch)]
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        for done, _ in enumerate(pool.map(clone, batches), 1):
            if done % 50 == 0:
                print(f"  {done * batch}/{len(names)} village schemas", file=sys.stderr, flush=True)
    return time.perf_counter() - started


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (``p`` in 0–1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def wrk(
    port: int,
    seconds: int,
    hosts: list[str],
    path: str,
    connections: int = 16,
    *,
    cycle: bool = False,
) -> dict[str, float]:
    """Run wrk with a random Host header per request (``cycle``: every host in turn);
    return rate and latency percentiles."""
    if not shutil.which("wrk"):
        sys.exit("bench needs wrk (apt-get install wrk)")
    script = ROOT / "var" / f"bench_hosts_{port}.lua"
    script.parent.mkdir(exist_ok=True)
    host_list = ",".join(f'"{h}"' for h in hosts)
    pick = "hosts[n % #hosts + 1]" if cycle else "hosts[math.random(#hosts)]"
    script.write_text(
        f"local hosts = {{{host_list}}}\n"
        "local n = 0\n"
        "math.randomseed(os.time())\n"
        "request = function()\n"
        "  n = n + 1\n"
        f'  return wrk.format("GET", "{path}", {{["Host"] = {pick}}})\n'
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

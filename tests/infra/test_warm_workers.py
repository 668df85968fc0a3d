"""Cold workers (issue 23): the application is imported and warmed before gunicorn forks
its workers, and each worker finishes its own warm-up (database connection, PDF fonts)
before it accepts its first request — so no visitor pays seconds of imports, catalogs
and templates. Checked by what the processes hold and by the order of gunicorn's log
lines, not by timing (``bench/routing.py`` measures the time: ``first_request_p95_s``)."""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.database import database_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),  # production refuses weak keys
    "SECURE_SSL_REDIRECT": "false",
}

PROBE = """
import gc, json, sys
from balai_site.wsgi import application
from django.db import connections
from django.template import engines
from django.utils.translation import trans_real
from balai_site.warmup import template_names
loader = engines["django"].engine.template_loaders[0]
print(json.dumps({
    "weasyprint": "weasyprint" in sys.modules,
    "views": sorted(m for m in sys.modules if m.endswith(".views") and m.startswith(("village_apps", "control_plane"))),
    "catalogs": sorted(trans_real._translations),
    "templates": len(getattr(loader, "get_template_cache", {})),
    "template_files": len(template_names()),
    "open_connections": [c.alias for c in connections.all() if c.connection is not None],
    "frozen": gc.get_freeze_count(),
}))
"""


def test_wsgi_module_is_warm_and_opens_no_database_connection():
    """What a forked worker inherits: every view imported, both languages' catalogs,
    every template compiled, all of it frozen for the garbage collector — and no
    database connection (it would be shared)."""
    env = {
        **os.environ,
        **PRODUCTION,
        # Unreachable: the warm-up must not need the database at all.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    state = json.loads(out.stdout.strip().splitlines()[-1])
    assert state["weasyprint"] and state["open_connections"] == []
    assert {"village_apps.surat.views", "control_plane.dashboards.views"} <= set(state["views"])
    assert {"id", "en"} <= set(state["catalogs"])
    assert state["templates"] >= state["template_files"] * 0.9 > 50
    # What was loaded is out of the garbage collector's sight (no full-heap scans).
    assert state["frozen"] > 100_000


def test_gunicorn_loads_the_app_before_forking_by_default():
    script = "import runpy; print(runpy.run_path('infra/gunicorn.conf.py')['preload_app'])"
    env = {k: v for k, v in os.environ.items() if k != "GUNICORN_PRELOAD"}
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "True"


@pytest.mark.slow
@pytest.mark.django_db
def test_each_worker_is_warm_before_its_first_request(village, tmp_path):
    log = tmp_path / "gunicorn.log"
    port = _free_port()
    env = {**os.environ, **PRODUCTION, "DATABASE_URL": database_url(), "STATIC_ROOT": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable, "-m", "gunicorn", "balai_site.wsgi:application",
            "-c", "infra/gunicorn.conf.py", "-w", "2", "-b", f"127.0.0.1:{port}",
            "--access-logfile", str(log), "--access-logformat", "access %(p)s %(U)s %(s)s",
            "--error-logfile", str(log), "--log-level", "info",
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        pids: set[str] = set()
        while len(pids) < 2:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/ping/", headers={"Host": village.host}
                )
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    assert response.status == 200
            except OSError:
                time.sleep(0.3)
                continue
            pids = set(re.findall(r"^access <(\d+)>", log.read_text(), re.M))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    lines = log.read_text().splitlines()
    for pid in pids:
        warm = next(i for i, line in enumerate(lines) if f"worker {pid} warm:" in line)
        first = next(i for i, line in enumerate(lines) if line.startswith(f"access <{pid}>"))
        assert warm < first, (pid, lines[warm], lines[first])
        assert "'pdf_fonts'" in lines[warm] and "'database'" in lines[warm]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

"""A browser's idle connection never gets a worker killed, and a refused request is one
log line (issue 18, finding 17).

Real gunicorn with the project's config (``infra/gunicorn.conf.py``) and a two-second
worker timeout: a connection is opened and left silent past the timeout, then normal
requests must still be answered by the same worker and the log must hold no
``WORKER TIMEOUT``. The same run with ``-k sync`` is the positive control: there the
idle connection does get the worker killed, so the check can see the failure it
guards against.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.database import database_url

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 2  # gunicorn's worker timeout for this run, seconds
REFUSED = "/dasbor/wilayah/180104/"

# Transactional: the gunicorn process must see the closed dashboard below.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _closed_dashboard():
    """A kabupaten that closed its dashboard: its kecamatan page is a 403 for anyone."""
    from control_plane.dashboards.models import KabupatenDashboardSetting

    KabupatenDashboardSetting.objects.create(kabupaten_code="1801", public=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, host: str = "localhost") -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _serve(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen, int, Path]:
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        # As ``./balai demo`` serves (where the finding was seen); the static files are
        # not collected here, which production's manifest storage would need.
        "DEBUG": "true",
        "DATABASE_URL": database_url(),
        "GUNICORN_TIMEOUT": str(TIMEOUT),
        "GUNICORN_ACCESSLOG": os.devnull,
        "LOG_FORMAT": "json",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable, "-m", "gunicorn", "balai_site.wsgi:application",
            "-c", "infra/gunicorn.conf.py", "-w", "1", "-b", f"127.0.0.1:{port}", *extra,
        ],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while True:
        assert process.poll() is None and time.monotonic() < deadline, log.read_text()
        try:
            if _get(port, "/healthz")[0] == 200:
                return process, port, log
        except OSError:
            time.sleep(0.2)


def _idle_then_request(tmp_path: Path, *extra: str) -> tuple[str, list[int]]:
    """Opens a connection that sends nothing, waits past the worker timeout, then makes
    two requests; returns the log and the statuses."""
    process, port, log = _serve(tmp_path, *extra)
    try:
        idle = socket.create_connection(("127.0.0.1", port))
        time.sleep(TIMEOUT * 2 + 1.5)
        statuses = [_get(port, "/healthz")[0]]
        # PermissionDenied: a 403.
        status, body = _get(port, REFUSED)
        statuses.append(status)
        assert status != 403 or "Akses ditolak" in body, body[:500]
        idle.close()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    return log.read_text(), statuses


def test_an_idle_connection_does_not_get_the_worker_killed(tmp_path):
    text, statuses = _idle_then_request(tmp_path)
    assert statuses == [200, 403], text
    assert "WORKER TIMEOUT" not in text, text
    assert "Using worker: gthread" in text, text  # the config's worker class
    # The refusal is logged once, on one line, without a traceback.
    refusals = [line for line in text.splitlines() if REFUSED in line]
    assert len(refusals) == 1, text
    record = json.loads(refusals[0])
    assert record["level"] == "WARNING" and "exc" not in record, record
    assert "Traceback" not in text, text


def test_positive_control_a_sync_worker_is_killed_by_an_idle_connection(tmp_path):
    text, _statuses = _idle_then_request(tmp_path, "-k", "sync", "--threads", "1")
    assert "WORKER TIMEOUT" in text, text

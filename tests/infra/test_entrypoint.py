"""The entrypoint's roles, and gunicorn serving health and merged metrics for real."""

from __future__ import annotations

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
from django.db import connection

from tests.database import database_url

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "infra" / "entrypoint.sh"
VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - local test URL
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def wait_until_healthy(process: subprocess.Popen, base: str, seconds: float = 60) -> None:
    """Until the web role started by ``process`` answers ``/healthz`` with 200."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if _get(f"{base}/healthz")[0] == 200:
                return
        except OSError:
            pass
        assert process.poll() is None, process.stdout.read().decode()
        assert time.monotonic() < deadline, "gunicorn did not come up"
        time.sleep(0.3)


def test_shell_syntax_and_unknown_role():
    subprocess.run(["sh", "-n", str(ENTRYPOINT)], check=True)
    result = subprocess.run(
        [str(ENTRYPOINT), "nonsense"],
        env={**os.environ, "BALAI_HOME": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 64
    assert "unknown role 'nonsense'" in result.stderr


def test_gunicorn_config_follows_cgroup_quota_and_env():
    script = (
        "import runpy, json; ns = runpy.run_path('infra/gunicorn.conf.py');"
        "print(json.dumps([ns['workers'], ns['worker_class'], ns['timeout'], ns['bind']]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "WEB_CONCURRENCY": "3", "GUNICORN_THREADS": "4"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == '[3, "gthread", 60, ["0.0.0.0:8000"]]'


@pytest.mark.slow
def test_web_role_serves_health_and_metrics_of_all_workers(db, tmp_path):
    db = connection.settings_dict
    port = _free_port()
    env = {
        **os.environ,
        "BALAI_HOME": str(ROOT),
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "DATABASE_URL": database_url(with_password=False),
        "DEBUG": "true",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prometheus"),
        "METRICS_TOKEN": "token-uji-metrik",
        "GUNICORN_ACCESSLOG": str(tmp_path / "access.log"),
    }
    if db.get("PASSWORD"):
        env["DATABASE_PASSWORD"] = str(db["PASSWORD"])
    process = subprocess.Popen(  # noqa: S603
        [str(ENTRYPOINT), "web"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(process, base)
        ready = _get(f"{base}/readyz")
        assert ready[0] == 200, ready[1]
        for _ in range(6):
            _get(f"{base}/nik?nik=1801010101010001", {"Host": "tidak-dikenal.example"})
        status, body = _get(f"{base}/metrics", {"Authorization": "Bearer token-uji-metrik"})
        assert status == 200
        line = next(
            x
            for x in body.splitlines()
            if x.startswith('balai_http_requests_total{method="GET",route="<unrouted>"')
        )
        assert float(line.rsplit(" ", 1)[1]) == 6.0  # summed over both workers' files
        assert "balai_villages{" in body
    finally:
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(timeout=40)
    assert exit_code == 0, "gunicorn must shut down cleanly on SIGTERM"
    log = (tmp_path / "access.log").read_text()
    assert '"path":"/nik"' in log
    assert "1801010101010001" not in log, "query strings never reach the access log"


def _database_env(db) -> dict[str, str]:
    env = {"DATABASE_URL": database_url(with_password=False)}
    if db.get("PASSWORD"):
        env["DATABASE_PASSWORD"] = str(db["PASSWORD"])
    return env


@pytest.fixture
def restore_village_upgrade_state():
    """The migrate role commits (it is another process): put the session villages back."""
    from tenants.models import Village

    fields = ["upgrade_status", "upgrade_error", "last_upgrade_at", "migration_fingerprint"]
    saved = list(Village.objects.values("pk", *fields))
    yield
    for row in saved:
        Village.objects.filter(pk=row.pop("pk")).update(**row)


def test_worker_probe_follows_the_database(db):
    probe = ROOT / "infra" / "probe.py"
    up = subprocess.run(
        [sys.executable, str(probe), "worker"],
        env={**os.environ, **_database_env(connection.settings_dict)},
        check=False,
    )
    assert up.returncode == 0
    down = subprocess.run(
        [sys.executable, str(probe), "worker"],
        env={**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{_free_port()}/x"},
        check=False,
    )
    assert down.returncode == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_migrate_role_runs_public_template_and_expand(restore_village_upgrade_state):
    """`entrypoint.sh migrate` against the (already migrated) test database: a no-op that succeeds."""
    env = {
        **os.environ,
        **_database_env(connection.settings_dict),
        "BALAI_HOME": str(ROOT),
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "DEBUG": "true",
    }
    result = subprocess.run(
        [str(ENTRYPOINT), "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "template schema at" in result.stderr

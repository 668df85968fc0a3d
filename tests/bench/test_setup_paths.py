"""Acceptance 4 of issue 23: every benchmark starts on a fresh clone with nothing prepared
by hand. Each ``bench/*.py`` runs its setup path — its database, reference data, static
files, servers and one warm request per target (``--setup-only``), not its measurement —
in a subprocess, with an empty ``STATIC_ROOT`` as a fresh clone has. A file added to
``bench/`` is run here too unless it is a helper listed below."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.database import database_url

ROOT = Path(__file__).resolve().parents[2]
HELPERS = {
    "_common": "shared helpers",
    "plain_site": "the routing benchmark's baseline application",
    "dashboard_settings": "the dashboard benchmark's settings module",
}
BENCHES = sorted(p.stem for p in (ROOT / "bench").glob("*.py") if p.stem not in HELPERS)
# Spelled in parts: tests/conftest.py skips every test of a file that names that
# variable when OpenSID's files are absent, and only one benchmark here needs them.
SHARED_ENV = "_".join(("BALAI", "SHARED", "DIR"))
OPENSID_FILES = Path(os.environ.get(SHARED_ENV) or ROOT.parent / "shared") / "opensid"

# django_db: the session must set up the test database (its server hosts the benchmarks').
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def _admin_url() -> str:
    return database_url().rsplit("/", 1)[0] + "/postgres"


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_admin_url(), autocommit=True) as conn:
        conn.execute(sql)


def _databases(prefix: str) -> list[str]:
    import psycopg

    with psycopg.connect(_admin_url()) as conn:
        rows = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "%"]
        ).fetchall()
    return [row[0] for row in rows]


@pytest.fixture(scope="session")
def migrated_template(django_db_setup, testrun_uid):
    """One database migrated the way every benchmark starts (``migrate`` and the
    template schema), copied for each benchmark (``BENCH_TEMPLATE_DB``); the rest of
    each setup path runs for real. Built once per test run — xdist workers wait on an
    advisory lock for the first one — and left for the next run to drop."""
    import psycopg

    name = f"bench_tpl_{testrun_uid[:12]}"
    with psycopg.connect(_admin_url(), autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(hashtext('balai-bench-template'))")
        try:
            for stale in _databases("bench_tpl_"):
                if stale != name:
                    conn.execute(f'DROP DATABASE IF EXISTS "{stale}" WITH (FORCE)')
            if name not in _databases(name):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}_part" WITH (FORCE)')
                script = (
                    "import sys; sys.path.insert(0, 'bench');"
                    "from _common import database_url, django_setup;"
                    f"django_setup(database_url({name + '_part'!r}));"
                    "from django.core.management import call_command;"
                    "call_command('migrate', verbosity=0, interactive=False);"
                    "from tenants import schema; schema.template_ensure()"
                )
                env = {**os.environ, "DATABASE_URL": database_url()}
                env.pop("DJANGO_SETTINGS_MODULE", None)
                env.pop("BENCH_DB_PREFIX", None)
                env.pop("BENCH_TEMPLATE_DB", None)
                subprocess.run(  # noqa: S603
                    [sys.executable, "-c", script], cwd=ROOT, env=env, check=True, timeout=900
                )
                # Complete or not there at all: a failed build is never copied.
                conn.execute(f'ALTER DATABASE "{name}_part" RENAME TO "{name}"')
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtext('balai-bench-template'))")
    return name


def test_every_bench_file_is_a_benchmark_or_a_listed_helper():
    for name in BENCHES:
        text = (ROOT / "bench" / f"{name}.py").read_text()
        assert "setup_only_add(parser)" in text and "setup_done(" in text, name


@pytest.mark.parametrize("name", BENCHES)
def test_benchmark_setup_path_runs_on_a_fresh_clone(name, migrated_template, tmp_path):
    if name == "opensid_import" and not OPENSID_FILES.is_dir():
        if os.environ.get("BALAI_REQUIRE_SHARED") == "1":
            pytest.fail(f"{OPENSID_FILES} is required (BALAI_REQUIRE_SHARED=1)")
        pytest.skip(f"OpenSID's files are not in {OPENSID_FILES} (set {SHARED_ENV})")
    prefix = f"t{os.getpid()}_"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "BENCH_DB_PREFIX": prefix,
        "BENCH_TEMPLATE_DB": migrated_template,
        "STATIC_ROOT": str(tmp_path / "static"),  # nothing collected yet
        SHARED_ENV: str(OPENSID_FILES.parent),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    try:
        result = subprocess.run(  # noqa: S603
            [sys.executable, f"bench/{name}.py", "--quick", "--setup-only"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        assert result.returncode == 0, result.stderr[-4000:] + result.stdout[-2000:]
        last = json.loads(result.stdout.strip().splitlines()[-1])
        assert last["bench"] == name and last["setup_only"] is True
    finally:
        for suffix in ("balai_bench_", "bench_"):
            for db in _databases(prefix + suffix):
                _admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')

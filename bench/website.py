"""Website benchmark: the public pages of one large village among 1,000.

    uv run python bench/website.py [--quick] [--villages N] [--residents R] [--requests Q]

Builds a private database with N villages (schemas cloned from the template, as
provisioning does) and R residents plus demo content (articles, APBDes, projects) in
one of them, then serves Balai under gunicorn (2 sync workers, production settings,
local-memory cache) and measures, from 4 client threads:

- warm latency (p50/p95/p99) of that village's home page, statistics index and a
  large statistics category (occupation) and the APBDes page — goal p95 <= 100 ms;
- the same pages uncached (the page cache bypassed: full render, facade queries on R
  residents, as right after an invalidation), for information;
- home pages of random villages after one warm-up pass over all of them;
- the home page transfer: HTML plus every same-host resource it loads — goal <= 500 KB.
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import statistics
import sys
import threading
import time
from datetime import date, timedelta

from _common import (
    ROOT,
    database_url,
    django_setup,
    emit,
    gunicorn,
    production_env,
    setup_done,
    setup_only_add,
    staticfiles_collect,
    table,
)

BESAR = "bench-besar"


def setup(db_url: str, n_villages: int, n_residents: int) -> list[str]:
    django_setup(db_url)
    from django.core.management import call_command
    from django.db import connection

    from tenants.context import village_context
    from tenants.models import Village
    from tenants.schema import schema_create_from_template, template_ensure

    call_command("migrate", verbosity=0, interactive=False)
    template_ensure()
    villages = [
        Village(
            code=f"1899{i // 10000:02d}{2000 + i % 10000:04d}",
            name=f"Desa Uji {i:04d}" if i else "Desa Besar",
            slug=f"uji-{i:04d}" if i else BESAR,
            schema_name=f"v_uji_{i:04d}",
            kecamatan_code="189900",
            kabupaten_code="1899",
            provinsi_code="18",
            status="active",
        )
        for i in range(n_villages)
    ]
    Village.objects.bulk_create(villages)
    start = time.perf_counter()
    for v in villages:
        schema_create_from_template(v.schema_name)
    print(f"{n_villages} village schemas in {time.perf_counter() - start:.1f} s", file=sys.stderr)

    besar = Village.objects.get(slug=BESAR)
    with village_context(besar):
        from village_apps.profil.services import profil_seed

        profil_seed(nama_desa=besar.name, kode_desa=besar.code, jenis="desa",
                    nama_kecamatan="Uji", nama_kabupaten="Kabupaten Uji", nama_provinsi="Lampung")  # fmt: skip
        _residents(n_residents)
        for app in ("web", "keuangan", "pembangunan", "bantuan"):
            module = __import__(f"village_apps.{app}.demo", fromlist=["load_demo_village"])
            module.load_demo_village(village=besar)
    connection.close()
    return [f"{v.slug}.localhost" for v in villages]


def _residents(n: int) -> None:
    from village_apps import referensi as c
    from village_apps.penduduk.models import Penduduk

    rng = random.Random(42)  # noqa: S311 - synthetic data
    agama, pekerjaan = c.Agama.values, c.Pekerjaan.values
    pendidikan, kawin = c.PendidikanKK.values, c.StatusKawin.values
    hari0 = date(1940, 1, 1)
    batch = [
        Penduduk(
            nik=f"1899000101{i:06d}",
            nama=f"Warga Uji {i}",
            sex=rng.choice((1, 2)),
            agama_id=rng.choice(agama),
            pekerjaan_id=rng.choice(pekerjaan),
            pendidikan_kk_id=rng.choice(pendidikan),
            status_kawin=rng.choice(kawin),
            tanggallahir=hari0 + timedelta(days=rng.randrange(0, 30_000)),
        )
        for i in range(n)
    ]
    Penduduk.objects.bulk_create(batch, batch_size=2000)


def _get(
    conn: http.client.HTTPConnection, host: str, path: str, *, cache: bool = True
) -> tuple[int, bytes]:
    # A (stale) session cookie makes the page cache step aside: a full render, as
    # after an invalidation.
    headers = {"Host": host} if cache else {"Host": host, "Cookie": "sessionid=bench-tanpa-cache"}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def measure(
    port: int, targets: list[tuple[str, str]], n: int, threads: int = 4, *, cache: bool = True
) -> dict[str, float]:
    """Latency percentiles of ``n`` GETs over ``targets`` (host, path), from ``threads`` clients."""
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def work(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for i in range(k, n, threads):
            host, path = targets[i % len(targets)]
            t0 = time.perf_counter()
            status, _ = _get(conn, host, path, cache=cache)
            dt = time.perf_counter() - t0
            with lock:
                times.append(dt)
                errors[0] += status != 200
        conn.close()

    pool = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    q = statistics.quantiles(times, n=100)
    return {
        "p50_s": round(q[49], 5),
        "p95_s": round(q[94], 5),
        "p99_s": round(q[98], 5),
        "errors": errors[0],
    }


def transfer(port: int, host: str) -> dict[str, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    _, html = _get(conn, host, "/")
    total = len(html)
    resources = set(re.findall(rb'(?:href|src)="(/static/[^"]+)"', html))
    for path in resources:
        status, body = _get(conn, host, path.decode())
        assert status == 200, path
        total += len(body)
    return {
        "home_html_bytes": len(html),
        "home_total_bytes": total,
        "home_resources": len(resources),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="100 villages, fewer requests")
    parser.add_argument("--villages", type=int)
    parser.add_argument("--residents", type=int, default=30_000)
    parser.add_argument("--requests", type=int)
    setup_only_add(parser)
    args = parser.parse_args()
    n_villages = args.villages or (3 if args.setup_only else 100 if args.quick else 1000)
    n_requests = args.requests or (300 if args.quick else 1000)
    if args.setup_only:
        args.residents = 50

    db_url = database_url("balai_bench_website")
    hosts = setup(db_url, n_villages, args.residents)
    besar = f"{BESAR}.localhost"
    env = production_env(db_url, PYTHONPATH=str(ROOT / "bench"))
    staticfiles_collect(env)  # the production manifest, as the image build makes it
    pages = {
        "home": "/",
        "statistik": "/statistik/",
        "statistik-pekerjaan": "/statistik/pekerjaan/",
        "apbdes": "/keuangan/",
    }
    rows, balai = [], {"villages": n_villages, "residents": args.residents}
    with gunicorn("balai_site.wsgi:application", env) as server:
        port = server.port
        server.warm([(besar, path) for path in pages.values()] + [(h, "/") for h in hosts], 2)
        if args.setup_only:
            setup_done("website", villages=n_villages, residents=args.residents)
        for name, path in pages.items():
            warm = measure(port, [(besar, path)], n_requests)
            cold = measure(port, [(besar, path)], max(100, n_requests // 5), cache=False)
            balai[f"{name}_warm"], balai[f"{name}_uncached"] = warm, cold
            rows += [[f"{name} (warm)", warm["p50_s"] * 1000, warm["p95_s"] * 1000, warm["p99_s"] * 1000, warm["errors"]],
                     [f"{name} (uncached)", cold["p50_s"] * 1000, cold["p95_s"] * 1000, cold["p99_s"] * 1000, cold["errors"]]]  # fmt: skip
        others = [(h, "/") for h in hosts]
        measure(port, others, len(others) * 2)  # every worker renders every home once
        spread = measure(port, [(random.choice(hosts), "/") for _ in range(n_requests)], n_requests)  # noqa: S311
        balai["home_random_villages_warm"] = spread
        rows.append(
            [
                "home, random villages (warm)",
                spread["p50_s"] * 1000,
                spread["p95_s"] * 1000,
                spread["p99_s"] * 1000,
                spread["errors"],
            ]
        )
        balai.update(transfer(port, besar))
    print(table(rows, ["page", "p50 ms", "p95 ms", "p99 ms", "errors"]))
    print(
        f"home transfer: {balai['home_total_bytes'] / 1024:.1f} KB ({balai['home_resources']} resources; goal <= 500 KB)"
    )
    ok = (
        balai["home_warm"]["p95_s"] <= 0.1
        and balai["statistik_warm"]["p95_s"] <= 0.1
        and balai["home_total_bytes"] <= 500 * 1024
    )
    balai["goals_met"] = ok
    print(
        f"goals (home & statistics p95 <= 100 ms warm, home <= 500 KB): {'met' if ok else 'NOT met'}"
    )
    emit("website", balai, {"goal_p95_s": 0.1, "goal_home_total_bytes": 500 * 1024})


if __name__ == "__main__":
    main()

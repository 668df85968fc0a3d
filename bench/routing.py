"""Routing benchmark: a trivial village page across 1,000 villages vs plain Django, and
each gunicorn worker's first request.

    uv run python bench/routing.py [--quick] [--villages N] [--seconds S] [--cold-starts K]

Balai (gunicorn with ``infra/gunicorn.conf.py``, 2 sync workers, production settings)
serves ``/ping/`` — the village's name from the routed tenant object, no query — with a
random Host header per request over N villages. The baseline serves the same page from
plain Django under the same gunicorn configuration (without worker recycling: steady
state). Both servers are warmed until every worker has answered (``_common.Server.warm``)
and every worker's routing cache holds every village (each host asked 12 times in
turn: a cache miss is a database lookup, not the routing this measures); then runs of S seconds alternate in ABBA order
(4 rounds of 3 s with ``--quick``, 6 of 10 s without) and the median of the rounds'
ratios is reported (goal: Balai ≥ 90 % of plain Django's requests/s), with the ratio of
the workers' CPU time per request (``capacity_vs_plain_cpu``), which other load on a
shared machine hardly moves. Cold starts: Balai's gunicorn is
started K times and each worker's first request is read from the access log
(``first_request_p95_s``, goal ≤ 0.5 s: the app is loaded and warmed before the workers
fork, see ``balai_site.warmup``). Needs ``wrk`` (not for ``--setup-only``).
"""

from __future__ import annotations

import argparse

from _common import (
    ROOT,
    Server,
    database_url,
    django_setup,
    emit,
    gunicorn,
    median,
    percentile,
    production_env,
    setup_done,
    setup_only_add,
    table,
    wrk,
)

WORKERS = 2


def setup_villages(db_url: str, n: int) -> list[str]:
    django_setup(db_url)
    from django.core.management import call_command
    from django.db import connection, transaction

    from tenants.models import Village

    call_command("migrate", verbosity=0, interactive=False)
    villages = [
        Village(
            code=f"1899{i // 10000:02d}{2000 + i % 10000:04d}",
            name=f"Desa Uji {i:04d}",
            slug=f"uji-{i:04d}",
            schema_name=f"v_uji_{i:04d}",
            kecamatan_code="189900",
            kabupaten_code="1899",
            provinsi_code="18",
            status="active",
        )
        for i in range(n)
    ]
    with transaction.atomic():
        Village.objects.bulk_create(villages)
        with connection.cursor() as cur:
            cur.execute("".join(f'CREATE SCHEMA "{v.schema_name}";' for v in villages))
    connection.close()
    return [f"{v.slug}.localhost" for v in villages]


def cold_starts(env: dict[str, str], hosts: list[str], starts: int) -> list[float]:
    """Start Balai's gunicorn ``starts`` times; each worker's first request in seconds."""
    firsts: list[float] = []
    for _ in range(starts):
        with gunicorn("balai_site.wsgi:application", env, WORKERS) as server:
            server.warm([(h, "/ping/") for h in hosts[: WORKERS * 2]], WORKERS)
            firsts += server.first_requests().values()
    return firsts


def routing_caches_fill(server: Server, hosts: list[str], visits: int = 12) -> None:
    """Ask for every host ``visits`` times, in turn: each request lands on either
    worker, so a worker misses a given village with probability 2^-visits (12: about
    one village in 4,000). A worker that misses one would look it up in the database
    during the measurement — the cost this benchmark is not about."""
    target = len(server.requests()) + visits * len(hosts)
    while len(server.requests()) < target:
        wrk(server.port, 2, hosts, "/ping/", cycle=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="4 rounds of 3 s, 3 cold starts")
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=None, help="per run (default 10, quick 5)")
    parser.add_argument("--cold-starts", type=int, default=None)
    setup_only_add(parser)
    args = parser.parse_args()
    rounds = 4 if args.quick else 6
    seconds = args.seconds or (3 if args.quick else 10)
    starts = args.cold_starts or (3 if args.quick else 5)
    n = 5 if args.setup_only else args.villages

    db_url = database_url("balai_bench_routing")
    hosts = setup_villages(db_url, n)
    env = production_env(
        db_url,
        PYTHONPATH=str(ROOT / "bench"),
        # Steady state: no worker recycling mid-run (production recycles every ~5,000
        # requests; a recycled worker forks warm, see the cold starts above).
        GUNICORN_MAX_REQUESTS="0",
    )
    firsts = [] if args.setup_only else cold_starts(env, hosts, starts)
    targets = [(h, "/ping/") for h in hosts]
    results: dict[str, list[dict]] = {"balai": [], "plain": []}
    with (
        gunicorn("balai_site.wsgi:application", env, WORKERS) as balai_server,
        gunicorn("plain_site:application", env, WORKERS) as plain_server,
    ):
        balai_server.warm(targets, WORKERS)
        plain_server.warm(targets, WORKERS)
        if args.setup_only:
            firsts = list(balai_server.first_requests().values())
            setup_done("routing", villages=n, first_request_s=sorted(firsts))
        # Fill every worker's routing cache with every village before measuring:
        # counted in requests, not seconds, so a slow (busy) machine fills them too.
        for server in (balai_server, plain_server):
            routing_caches_fill(server, hosts)
        servers = {"balai": balai_server, "plain": plain_server}
        for n in range(rounds):
            # ABBA: a machine that gets busier or quieter during the run favours neither.
            for name in ("balai", "plain") if n % 2 == 0 else ("plain", "balai"):
                server = servers[name]
                served, cpu = len(server.requests()), server.worker_cpu_s()
                run = wrk(server.port, seconds, hosts, "/ping/")
                served = len(server.requests()) - served
                run["worker_cpu_per_request_s"] = (server.worker_cpu_s() - cpu) / max(served, 1)
                results[name].append(run)

    def summary(runs: list[dict]) -> dict:
        return {
            "requests_per_s": round(median([r["requests_per_s"] for r in runs]), 1),
            "worker_cpu_per_request_s": round(
                median([r["worker_cpu_per_request_s"] for r in runs]), 6
            ),
            "p50_s": median([r["p50_s"] for r in runs]),
            "p99_s": median([r["p99_s"] for r in runs]),
            "errors": sum(r["errors"] for r in runs),
        }

    balai, plain = summary(results["balai"]), summary(results["plain"])
    balai["villages"] = args.villages
    # Paired: each round's two runs are adjacent in time, so a machine that is busier in
    # one round than in another moves both; the median of the rounds' ratios is reported.
    ratios = [
        b["requests_per_s"] / p["requests_per_s"]
        for b, p in zip(results["balai"], results["plain"], strict=True)
    ]
    balai["throughput_vs_plain"] = round(median(ratios), 3)
    balai["throughput_vs_plain_rounds"] = [round(r, 3) for r in ratios]
    # Capacity from the workers' own CPU time per request: what the ratio would be on a
    # machine nobody else uses (a shared machine's load moves req/s, hardly this).
    balai["capacity_vs_plain_cpu"] = round(
        plain["worker_cpu_per_request_s"] / balai["worker_cpu_per_request_s"], 3
    )
    balai["first_request_p95_s"] = round(percentile(firsts, 0.95), 4)
    balai["first_request_s"] = [round(s, 4) for s in sorted(firsts)]
    rows = [
        [name, s["requests_per_s"], s["p50_s"] * 1000, s["p99_s"] * 1000, s["errors"]]
        for name, s in (("balai (1,000 villages)", balai), ("plain Django", plain))
    ]
    print(table(rows, ["setup", "req/s", "p50 ms", "p99 ms", "errors"]))
    print(
        f"throughput balai / plain = {balai['throughput_vs_plain']:.1%} (goal >= 90%); "
        f"by worker CPU per request {balai['capacity_vs_plain_cpu']:.1%}"
    )
    print(
        f"first request per worker ({len(firsts)} workers, {starts} starts): "
        f"p95 {balai['first_request_p95_s']:.3f} s (goal <= 0.5 s)"
    )
    balai["goals_met"] = balai["throughput_vs_plain"] >= 0.9 and balai["first_request_p95_s"] <= 0.5
    emit("routing", balai, {"plain_django": plain})


if __name__ == "__main__":
    main()

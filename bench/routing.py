"""Routing benchmark: a trivial village page across 1,000 villages vs plain Django.

    uv run python bench/routing.py [--quick] [--villages N] [--seconds S]

Balai (gunicorn, 2 sync workers, production settings) serves ``/ping/`` — the
village's name from the routed tenant object, no query — with a random Host header
per request over N villages. The baseline serves the same page from plain Django
under the same gunicorn. Runs alternate; medians are compared. Needs ``wrk``.
"""

from __future__ import annotations

import argparse

from _common import (
    BENCH_SECRET_KEY,
    ROOT,
    database_url,
    django_setup,
    emit,
    gunicorn,
    median,
    table,
    wrk,
)


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="one round instead of three")
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    rounds = 1 if args.quick else 3

    db_url = database_url("balai_bench_routing")
    hosts = setup_villages(db_url, args.villages)
    env = {
        "DATABASE_URL": db_url,
        "DEBUG": "false",
        "SECRET_KEY": BENCH_SECRET_KEY,
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT / "bench"),
    }
    results: dict[str, list[dict]] = {"balai": [], "plain": []}
    with (
        gunicorn("balai_site.wsgi:application", env) as balai_port,
        gunicorn("plain_site:application", env) as plain_port,
    ):
        wrk(balai_port, 5, hosts, "/ping/")  # warm: every worker sees (almost) every village
        wrk(plain_port, 2, hosts, "/ping/")
        for _ in range(rounds):
            results["balai"].append(wrk(balai_port, args.seconds, hosts, "/ping/"))
            results["plain"].append(wrk(plain_port, args.seconds, hosts, "/ping/"))

    def summary(runs: list[dict]) -> dict:
        return {
            "requests_per_s": round(median([r["requests_per_s"] for r in runs]), 1),
            "p50_s": median([r["p50_s"] for r in runs]),
            "p99_s": median([r["p99_s"] for r in runs]),
            "errors": sum(r["errors"] for r in runs),
        }

    balai, plain = summary(results["balai"]), summary(results["plain"])
    balai["villages"] = args.villages
    balai["throughput_vs_plain"] = round(balai["requests_per_s"] / plain["requests_per_s"], 3)
    rows = [
        [name, s["requests_per_s"], s["p50_s"] * 1000, s["p99_s"] * 1000, s["errors"]]
        for name, s in (("balai (1,000 villages)", balai), ("plain Django", plain))
    ]
    print(table(rows, ["setup", "req/s", "p50 ms", "p99 ms", "errors"]))
    print(f"throughput balai / plain = {balai['throughput_vs_plain']:.1%} (goal >= 90%)")
    emit("routing", balai, {"plain_django": plain})


if __name__ == "__main__":
    main()

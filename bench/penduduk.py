"""Population benchmark: 30,000 residents in one village.

    uv run python bench/penduduk.py [--quick] [--residents N] [--requests R]

Builds a private database with one provisioned village, imports a generated
10,000-row OpenSID workbook (timed: the import goal is ≤ 15 s; OpenSID took 44 s),
then imports more rows up to N (default 30,000) and times the back-office pages as a
logged-in operator through Django's full request stack (middleware, routing, session,
templates; no network): list, name search, NIK search, code filter, deep page,
family list and resident detail. Goals: list/search p95 ≤ 100 ms, detail p95 ≤ 50 ms.
Baseline: OpenSID v2410 on the same kind of machine at 30,000 residents
(``../shared/MEASUREMENTS.md``, p95 upper figures quoted below).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _common import (
    database_url,
    django_setup,
    emit,
    setup_done,
    setup_only_add,
    staticfiles_collect,
    table,
)

from balai_kernel.actor import Actor

# OpenSID v2410 at 30,000 residents (MEASUREMENTS.md): p95 in seconds, import in seconds.
OPENSID = {
    "list_p95_s": 0.652,
    "search_p95_s": 0.663,
    "family_list_p95_s": 0.542,
    "import_10k_s": 44.0,
}


def setup(db_url: str):
    staticfiles_collect()  # production settings render pages from the hashed manifest
    django_setup(db_url, production=True)
    from django.core.management import call_command

    from control_plane.provisioning.services import village_provision
    from tenants import schema, services

    call_command("migrate_schemas", "--shared", verbosity=0, interactive=False)
    schema.template_ensure()
    village = services.village_create(
        code="1801042001", name="Hajimena", slug="hajimena", actor="bench"
    )
    village_provision(
        village=village, actor=Actor.named("bench"), admin_password="sandi-bench-12345"
    )  # noqa: S106 - bench
    village.refresh_from_db()
    return village


def impor(village, path: Path) -> float:
    from tenants.context import village_context
    from village_apps.penduduk.excel import penduduk_impor_excel

    with village_context(village):
        start = time.perf_counter()
        hasil = penduduk_impor_excel(source=str(path), nama_berkas=path.name)
        elapsed = time.perf_counter() - start
    assert hasil.ok, hasil.errors[:3]
    return elapsed


def timings(client, url: str, n: int) -> dict[str, float]:
    client.get(url)  # warm
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return {
        "p50_s": statistics.median(samples),
        "p95_s": samples[max(0, int(len(samples) * 0.95) - 1)],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="5,000 residents, fewer requests")
    parser.add_argument("--residents", type=int, default=30_000)
    parser.add_argument("--requests", type=int, default=60)
    setup_only_add(parser)
    args = parser.parse_args()
    total = 50 if args.setup_only else 5_000 if args.quick else args.residents
    n = 20 if args.quick else args.requests

    village = setup(database_url("balai_bench_penduduk"))
    from django.db import connection
    from django.test import Client

    from tenants.context import village_context
    from tests.village_apps.penduduk.generate import baris_penduduk, tulis_berkas
    from village_apps.akun.services import village_user_create
    from village_apps.penduduk.models import Penduduk

    tmp = Path(tempfile.mkdtemp(prefix="bench-penduduk-"))
    first = min(10_000, total)
    import_s = impor(village, tulis_berkas(tmp / "a.xlsx", jumlah=0, rows=baris_penduduk(first)))
    if total > first:
        rest = baris_penduduk(total - first, kode="180105", seed=5)
        impor(village, tulis_berkas(tmp / "b.xlsx", jumlah=0, rows=rest))
    with village_context(village), connection.cursor() as cur:
        cur.execute("ANALYZE")
        user = village_user_create(
            username="bench-op",
            role="operator",
            password="sandi-bench-12345",  # noqa: S106
        )
        sample = Penduduk.objects.order_by("-id").first()
        count = Penduduk.objects.count()
    client = Client(HTTP_HOST=village.host)
    with village_context(village):
        client.force_login(user)
    connection.set_schema_to_public()

    pages = {
        "list": "/kelola/penduduk/",
        "search": "/kelola/penduduk/?q=warga 12",
        "search_nik": f"/kelola/penduduk/?q={sample.nik[:10]}",
        "filter": "/kelola/penduduk/?agama_id=2&pekerjaan_id=9&urut=-umur",
        "page_20": "/kelola/penduduk/?halaman=20",
        "family_list": "/kelola/keluarga/",
        "detail": f"/kelola/penduduk/{sample.pk}/",
        "statistics": "/kelola/penduduk/statistik/?kategori=umur",
        # The administration books read the whole period to number and total it.
        "buku_induk": "/kelola/buku/induk-penduduk/",
        "buku_induk_page_20": "/kelola/buku/induk-penduduk/?halaman=20",
        "buku_induk_search": "/kelola/buku/induk-penduduk/?q=warga 12",
        "buku_rekapitulasi": "/kelola/buku/rekapitulasi-penduduk/",
        "buku_ktp_kk": "/kelola/buku/ktp-kartu-keluarga/",
    }
    if args.setup_only:
        for url in pages.values():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        setup_done("penduduk", residents=count)
    results = {name: timings(client, url, n) for name, url in pages.items()}
    rows = [[name, r["p50_s"] * 1000, r["p95_s"] * 1000] for name, r in results.items()]
    rows.append(["import 10k (s)", import_s, import_s])
    print(f"{count} residents, {n} requests per page")
    print(table(rows, ["page", "p50 ms", "p95 ms"]))
    list_pages = ("list", "search", "search_nik", "filter", "page_20", "family_list")
    balai = {
        "residents": count,
        "import_10k_s": round(import_s, 3),
        "list_p95_s": round(max(results[p]["p95_s"] for p in list_pages), 4),
        "search_p95_s": round(results["search"]["p95_s"], 4),
        "family_list_p95_s": round(results["family_list"]["p95_s"], 4),
        "detail_p95_s": round(results["detail"]["p95_s"], 4),
        "statistics_p95_s": round(results["statistics"]["p95_s"], 4),
        "books_p95_s": round(
            max(r["p95_s"] for p, r in results.items() if p.startswith("buku")), 4
        ),
        "goals_met": max(results[p]["p95_s"] for p in list_pages) <= 0.100
        and results["detail"]["p95_s"] <= 0.050
        and import_s <= 15.0,
    }
    emit("penduduk", balai, OPENSID)


if __name__ == "__main__":
    main()

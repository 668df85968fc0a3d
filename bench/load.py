"""Load on loopback: mixed traffic across many villages under gunicorn with production settings.

    uv run python bench/load.py [--quick] [--villages N] [--seconds S]

Traffic: public pages 70 % (home, statistics, news of any village), operator pages 20 %
(resident list, logged in) and downloads of already-issued letter PDFs 10 %, on a subset
of "busy" villages that have demo data. Reports requests/s, p50/p95/p99, errors and
gunicorn worker RSS; ``baseline`` is the same run with django-tenants' stock middleware.
Bounded in time; loopback only. Needs ``wrk``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time

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

from balai_kernel.actor import Actor

BUSY = 20
# Region names of the bench villages (their codes are not in the Kemendagri list).
NAMES = {"kecamatan": "Beban", "kabupaten": "Kabupaten Beban", "provinsi": "Lampung"}


def prepare(db_url: str, n: int) -> dict[str, list]:
    django_setup(db_url)
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection

    from control_plane.provisioning.services import village_provision
    from tenants import schema, services
    from tenants.context import village_context
    from tenants.models import Domain, Village
    from village_apps.akun.services import village_user_create
    from village_apps.penduduk.demo import load_demo_village as penduduk_demo
    from village_apps.profil.demo import load_demo_village as profil_demo
    from village_apps.surat.demo import load_demo_village as surat_demo
    from village_apps.surat.models import SuratKeluar
    from village_apps.web.demo import load_demo_village as web_demo

    call_command("migrate", verbosity=0, interactive=False)
    schema.template_ensure()
    public, operator, downloads = [], [], []
    started = time.perf_counter()
    for i in range(n):
        slug = f"beban-{i:04d}"
        code = f"1899{i // 1000:02d}{2000 + i % 1000:04d}"
        name = f"Beban {i:04d}"  # "Desa" is printed before it
        if i < min(BUSY, max(1, n // 2)):
            village = services.village_create(code=code, name=name, slug=slug, actor="bench")
            village_provision(village=village, actor=Actor.named("bench"), names=NAMES)
        else:  # a complete schema cloned from the template, without seeding (fast)
            village = services.village_create(
                code=code, name=name, slug=slug, actor="bench", status="active"
            )
            services.village_schema_build(village=village)
        host = f"{slug}.localhost"
        Domain.objects.create(
            domain=host, tenant=village, is_primary=True
        )  # for the stock middleware
        public += [(host, "/"), (host, "/statistik/"), (host, "/berita/")]
        if i < min(BUSY, max(1, n // 2)):
            village = Village.objects.get(pk=village.pk)
            with village_context(village):
                penduduk_demo(village=village)
                web_demo(village=village)
                profil_demo(village=village)  # the signer and letterhead the letter needs
                surat_demo(village=village)
                user = village_user_create(
                    username="operator", role="operator", password="sandi-beban-123456"
                )
                store = SessionStore()
                store[SESSION_KEY] = str(user.pk)
                store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
                store[HASH_SESSION_KEY] = user.get_session_auth_hash()
                store.save()
                cookie = f"sessionid={store.session_key}"
                operator.append((host, "/kelola/penduduk/", cookie))
                for letter in SuratKeluar.objects.values_list("pk", flat=True):
                    downloads.append((host, f"/surat/kelola/{letter}/unduh/", cookie))
        connection.set_schema_to_public()
    print(f"prepared {n} villages in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    connection.close()
    return {"public": public, "operator": operator, "download": downloads}


def lua(requests: dict[str, list]) -> str:
    def entries(items: list) -> str:
        return ",".join("{" + ",".join(f'"{x}"' for x in item) + "}" for item in items)

    return (
        f"local pub = {{{entries(requests['public'])}}}\n"
        f"local ops = {{{entries(requests['operator'])}}}\n"
        f"local dl = {{{entries(requests['download']) or entries(requests['operator'])}}}\n"
        "math.randomseed(os.time())\n"
        "request = function()\n"
        "  local r = math.random()\n"
        "  local e\n"
        "  if r < 0.7 then e = pub[math.random(#pub)] elseif r < 0.9 then e = ops[math.random(#ops)] else e = dl[math.random(#dl)] end\n"
        '  local h = {["Host"] = e[1]}\n'
        '  if e[3] then h["Cookie"] = e[3] end\n'
        '  return wrk.format("GET", e[2], h)\n'
        "end\n"
    )


def run(env: dict[str, str], script: str, seconds: int, requests: dict[str, list]) -> dict:
    import re

    targets = [(e[0], e[1]) for kind in ("public", "operator") for e in requests[kind]]
    with gunicorn("balai_site.wsgi:application", env) as server:
        server.warm(targets[:200], 2)  # every worker answers before anything is timed
        path = ROOT / "var" / "bench_load.lua"
        path.write_text(script)
        cmd = [
            "wrk",
            "-t2",
            "-c16",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(path),
            f"http://127.0.0.1:{server.port}",
        ]
        subprocess.run([*cmd[:3], "-d8s", *cmd[3:]], capture_output=True, check=True)  # noqa: S603 - caches
        out = subprocess.run(
            [*cmd[:3], f"-d{seconds}s", *cmd[3:]], capture_output=True, text=True, check=True
        ).stdout  # noqa: S603
        rss = 0
        for pid in {pid.strip("<>") for pid, _s in server.requests()}:
            try:
                with open(f"/proc/{pid}/status") as fh:
                    kb = next(int(row.split()[1]) for row in fh if row.startswith("VmRSS"))
            except OSError:
                continue  # a worker recycled meanwhile
            rss = max(rss, kb)

    def seconds_of(text: str) -> float:
        value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
        return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]

    pct = {
        m.group(1): seconds_of(m.group(2))
        for m in re.finditer(r"^\s+(\d+)%\s+([\d.]+\w+)", out, re.M)
    }
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (
        sum(int(x) for x in sock.groups()) if sock else 0
    )
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_s": pct.get("50"),
        "p95_s": None,
        "p99_s": pct.get("99"),
        "errors": errors,
        "worker_rss_mb": round(rss / 1024, 1),
        "p90_s": pct.get("90"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--villages", type=int)
    parser.add_argument("--seconds", type=int)
    setup_only_add(parser)
    args = parser.parse_args()
    if not args.setup_only and not shutil.which("wrk"):  # before minutes of preparation
        sys.exit("bench needs wrk (apt-get install wrk)")
    n = args.villages or (2 if args.setup_only else 200 if args.quick else 1000)
    seconds = args.seconds or (20 if args.quick else 60)
    db_url = database_url("balai_bench_load")
    requests = prepare(db_url, n)
    staticfiles_collect({"DATABASE_URL": db_url})
    env = production_env(db_url, BALAI_DOMAIN="localhost")
    if args.setup_only:
        targets = [
            (e[0], e[1]) for kind in ("public", "operator", "download") for e in requests[kind]
        ]
        with gunicorn("balai_site.wsgi:application", env) as server:
            server.warm(targets, 2)
        setup_done("load", villages=n, targets=len(targets))
    script = lua(requests)
    balai = run(env, script, seconds, requests)
    stock = run({**env, "BALAI_ROUTING_MIDDLEWARE": "stock"}, script, seconds, requests)
    balai["villages"] = n
    rows = [
        [
            name,
            r["requests_per_s"],
            r["p50_s"] * 1000,
            r["p99_s"] * 1000,
            r["errors"],
            r["worker_rss_mb"],
        ]
        for name, r in (("balai", balai), ("django-tenants stock middleware", stock))
    ]
    print(table(rows, ["setup", "req/s", "p50 ms", "p99 ms", "errors", "worker RSS MB"]))
    print(
        f"{n} villages, {len(requests['public'])} public / {len(requests['operator'])} operator / "
        f"{len(requests['download'])} download targets; goal: 0 errors, p99 <= 0.5 s"
    )
    emit("load", balai, {"django_tenants_stock": stock})


if __name__ == "__main__":
    main()

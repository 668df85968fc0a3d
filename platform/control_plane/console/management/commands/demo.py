"""``manage.py demo``: the whole platform with demo data in one command.

Starts (or attaches to) the database, migrates, loads demo villages of Kabupaten
Lampung Selatan, starts the task worker and serves with gunicorn on port 8000.
Ctrl-C stops everything it started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from balai_kernel.actor import Actor
from control_plane.accounts.demo import DEMO_PASSWORD

DEMO_VILLAGES = [
    # (Kemendagri code, name, slug) — Kecamatan Natar, Kabupaten Lampung Selatan (18.01)
    ("1801042001", "Hajimena", "hajimena"),
    ("1801042002", "Sidosari", "sidosari"),
    ("1801042003", "Pemanggilan", "pemanggilan"),
]
DEMO_NAMES = {"kecamatan": "Natar", "kabupaten": "Kabupaten Lampung Selatan", "provinsi": "Lampung"}


def _database_url() -> str:
    db = settings.DATABASES["default"]
    from urllib.parse import quote

    host = quote(str(db.get("HOST") or ""), safe="")
    auth = db["USER"] + (f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


class Command(BaseCommand):
    help = "Jalankan Balai dengan data demo (database, worker, gunicorn di port 8000)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--port",
            type=int,
            default=None,
            help="port web; juga port setiap tautan yang dibuat (BALAI_PORT, bawaan 8000)",
        )
        parser.add_argument(
            "--dev", action="store_true", help="runserver dengan reload, bukan gunicorn"
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="siapkan data saja, lalu keluar"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        port = opts["port"] or int(settings.BALAI_PORT or 8000)
        # Every absolute URL (e-mails, set-password links, status pages, QR codes, CLI
        # JSON) comes from balai_kernel.links, which reads BALAI_PORT: set it here for
        # the data loaded now and in the environment of the worker and web processes.
        settings.BALAI_PORT = os.environ["BALAI_PORT"] = str(port)
        self.stdout.write("Balai demo: menyiapkan database…")
        call_command("migrate", verbosity=0, interactive=False)
        self.load_demo_data()
        connection.close()
        self.stdout.write(f"Data siap dalam {time.perf_counter() - started:.1f} s.")
        if opts["no_serve"]:
            return
        self.serve(port, opts["dev"])

    def load_demo_data(self) -> None:
        from control_plane.provisioning.services import village_provision
        from tenants import schema, services
        from tenants.models import Village

        schema.template_ensure()
        for code, name, slug in DEMO_VILLAGES:
            village = Village.objects.filter(slug=slug).first()
            if village is None:
                village = services.village_create(code=code, name=name, slug=slug, actor="demo")
            if village.status != "active":
                village_provision(
                    village=village,
                    actor=Actor.named("demo"),
                    admin_password=DEMO_PASSWORD,
                    names=DEMO_NAMES,
                )
        self.load_extra_demo_data()

    def load_extra_demo_data(self) -> None:
        """Let each app add its demo content: a control-plane module ``<app>.demo`` with
        ``load_demo(*, villages)``, and every village app fulfilling
        ``village_apps.contracts.DemoData`` (called inside each village). Both must be
        idempotent."""
        import importlib

        from django.apps import apps

        from tenants.context import village_context
        from tenants.models import Village
        from village_apps.contracts import DemoData, facades_offering

        villages = list(
            Village.objects.filter(slug__in=[s for _, _, s in DEMO_VILLAGES]).order_by("code")
        )
        for config in apps.get_app_configs():
            if not config.name.startswith("control_plane."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            module.load_demo(villages=villages)
        for _name, facade in facades_offering(DemoData):
            for village in villages:
                with village_context(village):
                    facade.load_demo_village(village=village)

    def serve(self, port: int, dev: bool) -> None:
        env = {**os.environ, "DATABASE_URL": _database_url(), "PYTHONUNBUFFERED": "1"}
        manage = [sys.executable, "manage.py"]
        procs: list[subprocess.Popen[bytes]] = []
        procs.append(subprocess.Popen([*manage, "procrastinate", "worker"], env=env))  # noqa: S603
        if dev:
            web = [*manage, "runserver", f"127.0.0.1:{port}"]
        else:
            web = [
                sys.executable,
                "-m",
                "gunicorn",
                "balai_site.wsgi:application",
                "-c",
                "infra/gunicorn.conf.py",
                "-b",
                f"127.0.0.1:{port}",
                "-b",
                f"[::1]:{port}",
            ]
        procs.append(subprocess.Popen(web, env=env))  # noqa: S603
        self.print_banner(port)

        stopping = False

        def stop(*_: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in procs):
                time.sleep(0.5)
        finally:
            for p in procs:
                if p.poll() is None:
                    p.terminate()
            for p in procs:
                try:
                    p.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    p.kill()
            self.stdout.write("Balai demo berhenti.")

    def print_banner(self, port: int) -> None:
        from tenants.models import Village

        domain = settings.BALAI_DOMAIN
        lines = [
            "",
            "=" * 64,
            f"Balai berjalan. Panel kendali:  http://{domain}:{port}/",
            "Situs desa demo:",
        ]
        for village in Village.objects.filter(slug__in=[s for _, _, s in DEMO_VILLAGES]).order_by(
            "code"
        ):
            lines.append(f"  {village.name:<14} http://{village.slug}.{domain}:{port}/")
        from control_plane.accounts.demo import DEMO_STAFF, DEMO_VILLAGE_STAFF, totp_secret

        lines += [
            f"Login admin desa: pengguna 'admin', kata sandi '{DEMO_PASSWORD}'",
            "  staf desa lain (kata sandi sama): "
            + ", ".join(f"{u} ({jabatan})" for u, _r, jabatan, _n in DEMO_VILLAGE_STAFF),
            f"Panel kendali: http://{domain}:{port}/akun/masuk/ (kata sandi '{DEMO_PASSWORD}',",
            "  lalu kode TOTP dari aplikasi autentikator dengan kunci rahasia di bawah):",
        ]
        lines += [
            f"  {username:<20} {role:<17} TOTP {totp_secret(key)}"
            for username, role, _kab, key in DEMO_STAFF
        ]
        lines += [
            f"Daftarkan desa: http://{domain}:{port}/daftar/  ·  ops: http://{domain}:{port}/ops/desa/",
            "Tekan Ctrl-C untuk berhenti.",
            "=" * 64,
        ]
        connection.close()
        self.stdout.write("\n".join(lines))
        self.stdout.flush()

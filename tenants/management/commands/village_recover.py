"""``manage.py village_recover SLUG --source DSN [--json]``: one village back from a
PostgreSQL cluster restored (point in time) from the whole-cluster backup."""

import json
from typing import Any

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tenants.logical import _connect, village_recover
from tenants.models import Village


class Command(BaseCommand):
    help = (
        "Pulihkan satu desa dari klaster PostgreSQL hasil pemulihan cadangan (PITR) "
        "ke basis data aktif; desa lain tidak disentuh."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("slug", help="subdomain desa yang dipulihkan")
        parser.add_argument(
            "--source",
            required=True,
            help="libpq DSN klaster hasil pemulihan, mis. 'host=balai-pg-pitr-rw dbname=app'",
        )
        parser.add_argument("--json", action="store_true", help="cetak satu objek JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            village = Village.objects.get(slug=opts["slug"])
        except Village.DoesNotExist as exc:
            raise CommandError(f"desa {opts['slug']} tidak ada") from exc
        connection.close()
        try:
            with psycopg.connect(opts["source"]) as source, _connect() as target:
                stats = village_recover(
                    source=source, target=target, schema_name=village.schema_name
                )
        except (psycopg.Error, RuntimeError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        report = {
            "village": village.slug,
            "tables": len(stats),
            "rows": sum(t["rows"] for t in stats.values()),
        }
        if opts["json"]:
            self.stdout.write(json.dumps(report))
        else:
            self.stdout.write(f"{village.slug}: {report['tables']} tabel, {report['rows']} baris")

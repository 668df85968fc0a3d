"""``manage.py restore_drill [--village SLUG …] [--sample N] [--archive PATH] [--json]``."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tenants.drill import restore_drill


class Command(BaseCommand):
    help = "Ekspor desa, pulihkan ke skema sementara, bandingkan jumlah baris dan checksum."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--village",
            action="append",
            dest="slugs",
            default=[],
            help="subdomain desa yang diuji (boleh berulang; bawaan: sampel acak)",
        )
        parser.add_argument(
            "--sample", type=int, default=3, help="jumlah desa acak tanpa --village (bawaan 3)"
        )
        parser.add_argument("--json", action="store_true", help="cetak satu objek JSON")
        parser.add_argument(
            "--archive",
            type=Path,
            help="uji berkas cadangan ini (satu --village) alih-alih ekspor baru",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            report = restore_drill(
                slugs=opts["slugs"] or None, sample=opts["sample"], archive_path=opts["archive"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if opts["json"]:
            self.stdout.write(json.dumps(report))
        else:
            for r in report["results"]:
                state = "identik" if r["identical"] else f"BERBEDA {r['differing']} {r['error']}"
                self.stdout.write(f"{r['slug']:<30} {r['tables']:>4} tabel  {state}")
            self.stdout.write(
                f"{report['identical']}/{report['villages']} identik ({report['identical_percent']} %)"
            )
            cluster = report["cluster_backup"]
            self.stdout.write(
                f"cadangan klaster: archive_mode={cluster['archive_mode']} "
                f"WAL terakhir {cluster['last_archived_wal'] or '-'} "
                f"({cluster['last_archived_age_s']} s lalu), "
                f"{'OK' if cluster['ok'] else 'BERMASALAH'}"
            )
        if not report["ok"]:
            raise CommandError("restore drill found differences or failures")

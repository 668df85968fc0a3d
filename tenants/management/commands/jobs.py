"""``manage.py jobs stalled|recover|prune``: background jobs left behind by a dead worker,
and finished jobs past their retention.

``recover`` is the one command operations run after a worker was killed mid-job
(the worker also runs it every two minutes by itself, see ``tenants.jobs``). With
``--json`` it prints one JSON object.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from tenants.jobs import jobs_prune, jobs_stalled_list, jobs_stalled_recover


class Command(BaseCommand):
    help = "Pekerjaan latar yang terhenti karena worker mati: tampilkan atau antrekan ulang."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (
            ("stalled", "tampilkan pekerjaan yang terhenti"),
            ("recover", "antrekan ulang pekerjaan yang terhenti"),
        ):
            p = sub.add_parser(name, help=text)
            p.add_argument(
                "--stalled-after",
                type=float,
                default=None,
                help="detik tanpa detak worker (bawaan: JOBS_STALLED_AFTER_SECONDS)",
            )
            p.add_argument("--json", action="store_true", help="cetak satu objek JSON")
        prune = sub.add_parser("prune", help="hapus pekerjaan selesai yang melewati masa simpan")
        prune.add_argument("--json", action="store_true", help="cetak satu objek JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "prune":
            deleted = jobs_prune()
            if opts["json"]:
                self.stdout.write(json.dumps({"deleted": deleted}))
            else:
                self.stdout.write(f"{deleted} pekerjaan selesai dihapus.")
            return
        after = opts["stalled_after"]
        if after is None:
            after = settings.JOBS_STALLED_AFTER_SECONDS
        if opts["action"] == "stalled":
            rows = jobs_stalled_list(stalled_after=after)
            result: dict[str, Any] = {
                "stalled": [
                    {k: r[k] for k in ("id", "task_name", "queue_name", "attempts")} for r in rows
                ]
            }
        else:
            result = {"jobs": [j.as_dict() for j in jobs_stalled_recover(stalled_after=after)]}
        if opts["json"]:
            self.stdout.write(json.dumps(result, default=str))
            return
        items = result.get("stalled", result.get("jobs", []))
        if not items:
            self.stdout.write("Tidak ada pekerjaan yang terhenti.")
        for item in items:
            action = {"retried": "diantrekan ulang", "failed": "ditandai gagal"}.get(
                item.get("action", ""), "terhenti"
            )
            self.stdout.write(
                f"#{item['id']} {item['task_name']} (antrean {item.get('queue_name', item.get('queue'))},"
                f" percobaan {item['attempts']}): {action}"
            )

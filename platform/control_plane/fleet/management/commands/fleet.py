"""``manage.py fleet plan|upgrade|status|retry|check-migrations`` — thin over services.

With ``--json`` every subcommand prints exactly one JSON object on stdout; the exit
status is non-zero when something failed (a village, a halted ring, a migration
check), so deploy jobs and CI can rely on it.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai_kernel.actor import Actor, ActorKind
from control_plane.fleet import selectors, services
from control_plane.fleet.checks import migrations_check
from control_plane.fleet.models import RunStatus, UpgradeRun


class Command(BaseCommand):
    help = "Pemutakhiran armada desa: rencana, jalankan, status, ulangi, periksa migrasi."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        kinds = ["expand", "heavy", "contract", "all"]
        kind_help = (
            "jenis migrasi terakhir yang dijalankan (expand < heavy < contract; all = semua)"
        )
        json_help = "cetak satu objek JSON"

        def add(name: str, text: str) -> CommandParser:
            p = sub.add_parser(name, help=text, description=text)
            p.add_argument("--json", action="store_true", help=json_help)
            return p

        plan = add("plan", "desa mana butuh migrasi apa (dikelompokkan)")
        plan.add_argument("--kind", default="all", choices=kinds, help=kind_help)
        for name, text in (
            ("upgrade", "mutakhirkan skema publik, templat, lalu desa per gelombang"),
            ("retry", "ulangi desa yang gagal dimutakhirkan"),
        ):
            p = add(name, text)
            p.add_argument("--kind", default="all", choices=kinds, help=kind_help)
            p.add_argument(
                "--parallel", type=int, default=1, help="proses pekerja sekaligus (bawaan 1)"
            )
            p.add_argument(
                "--max-failure-rate",
                type=float,
                default=0.05,
                help="batas kegagalan per gelombang, 0–1 (bawaan 0,05)",
            )
            p.add_argument("--window", default="", help="HH:MM-HH:MM, waktu setempat desa")
            p.add_argument(
                "--batch-size", type=int, default=20, help="desa per transaksi (bawaan 20)"
            )
            p.add_argument(
                "--actor", default="manage.py fleet", help="nama pelaku di riwayat putaran"
            )
            p.add_argument("--now", default="", help="waktu ISO-8601 untuk jendela (uji)")
            if name == "upgrade":
                p.add_argument("--ring", default="all", help="canary | kabupaten:<kode> | all")
            else:
                p.add_argument(
                    "--failed",
                    action="store_true",
                    required=True,
                    help="wajib: hanya desa yang gagal",
                )
        add("status", "status skema armada, desa yang gagal, putaran terakhir")
        check = add("check-migrations", "periksa jenis setiap migrasi tenant (CI)")
        check.add_argument("--app", action="append", default=[], help="hanya app ini")

    def handle(self, *args: object, **options: object) -> None:
        action = options["action"]
        handler = getattr(self, "do_" + str(action).replace("-", "_"))
        try:
            result, ok = handler(options)
        except services.FleetError as exc:
            result, ok = {"error": str(exc)}, False
        if options["json"]:
            self.stdout.write(json.dumps(result, default=str, sort_keys=True))
        else:
            self.stdout.write(self.render(action, result))
        if not ok:
            raise CommandError(f"fleet {action} gagal", returncode=1)

    # --- subcommands -----------------------------------------------------------------

    def do_plan(self, options: dict) -> tuple[dict, bool]:
        services.village_states_resolve(villages=selectors.upgradable_villages())
        return selectors.plan_summary(selectors.fleet_plan(kind=options["kind"])), True

    def do_status(self, options: dict) -> tuple[dict, bool]:
        services.upgrade_run_stale_interrupt()  # a killed runner's run is shown as interrupted
        status = selectors.fleet_status()
        return status, status["failed_total"] == 0

    def do_check_migrations(self, options: dict) -> tuple[dict, bool]:
        report = migrations_check(app_labels=options["app"] or None)
        return report, not report["problems"]

    def do_upgrade(self, options: dict, only_failed: bool = False) -> tuple[dict, bool]:
        now = datetime.fromisoformat(options["now"]) if options["now"] else None
        run = services.fleet_upgrade(
            actor=Actor.named(options["actor"], ActorKind.CLI),
            kind=options["kind"],
            ring="all" if only_failed else options["ring"],
            parallel=options["parallel"],
            max_failure_rate=options["max_failure_rate"],
            window=options["window"],
            only_failed=only_failed,
            batch_size=options["batch_size"],
            # A retry re-runs failed villages only; public and template were done by upgrade.
            include_public=not only_failed,
            include_template=not only_failed,
            now=now,
            progress=None if options["json"] else self.progress,
        )
        if not options["json"]:
            sys.stderr.write("\n")
        result = selectors.run_as_dict(run)
        result["failures"] = selectors.run_failures(run=run)
        return result, run.status == RunStatus.COMPLETED

    def do_retry(self, options: dict) -> tuple[dict, bool]:
        return self.do_upgrade(options, only_failed=True)

    # --- output --------------------------------------------------------------------------

    def progress(self, run: UpgradeRun) -> None:
        width = 30
        filled = int(width * run.percent / 100)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {run.done}/{run.total} "
            f"ok={run.succeeded} gagal={run.failed} lewat={run.skipped} {run.current_ring}   "
        )
        sys.stderr.flush()

    def render_status(self, result: dict) -> str:
        """A table of villages per schema state, the failures, and the last runs."""
        labels = dict(selectors.SchemaState.choices)
        width = max(len(str(label)) for label in labels.values())
        lines = [f"Versi migrasi kode: {result['code_fingerprint'][:12]}", ""]
        lines += [
            f"{str(labels[state]):<{width}}  {n:>6}" for state, n in result["by_status"].items()
        ]
        lines.append(f"{'Jumlah desa':<{width}}  {result['villages']:>6}")
        if result["failed"]:
            lines += ["", "Gagal dimutakhirkan:"]
            lines += [
                f"  {f['slug']} ({f['code']}): {f['upgrade_error']}" for f in result["failed"]
            ]
        if result["runs"]:
            lines += ["", "Putaran terakhir:"]
            lines += [
                f"  #{r['id']} {r['status']:<11} {r['kind']}/{r['ring']}  "
                f"ok={r['succeeded']} gagal={r['failed']} lewat={r['skipped']}  {r['started_at']}"
                for r in result["runs"]
            ]
        return "\n".join(lines)

    def render(self, action: str, result: dict) -> str:
        if "error" in result:
            return f"Galat: {result['error']}"
        if action == "plan":
            lines = [
                f"Kode: {result['code_fingerprint'][:12]}  desa: {result['villages']}"
                f"  perlu dimutakhirkan: {result['villages_to_upgrade']}"
            ]
            for g in result["groups"]:
                lines.append(f"- {g['villages']} desa @ {g['source'][:12] or '(kosong)'}:")
                lines += [f"    + {m}" for m in g["apply"]]
                lines += [f"    ~ {m} (ditahan)" for m in g["blocked"]]
            return "\n".join(lines)
        if action == "check-migrations":
            lines = [f"{len(result['migrations'])} migrasi tenant diperiksa."]
            lines += [f"GAGAL {p}" for p in result["problems"]]
            return "\n".join(lines)
        if action == "status":
            return self.render_status(result)
        lines = [
            f"Run #{result['id']}: {result['status']}  ok={result['succeeded']}"
            f" gagal={result['failed']} lewat={result['skipped']} ditunda={result['deferred']}"
        ]
        lines += [f"GAGAL {f['village__slug']}: {f['error']}" for f in result["failures"]]
        return "\n".join(lines)

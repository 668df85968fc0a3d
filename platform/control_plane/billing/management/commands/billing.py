"""``manage.py billing smoke [--local] [--json]``: the full billing cycle against the
configured provider (``STRIPE_API_BASE``/``STRIPE_SECRET_KEY``: real Stripe test
mode or the local server), or ``--local`` to start the local Stripe-compatible
server in-process (CI). Local database changes are rolled back at the end; provider
objects stay (they are test-mode objects named "smoke").

``billing reconcile`` and ``billing dunning`` run the periodic jobs now;
``billing sync-modules`` re-applies every contract's plan modules to its villages
(docs/billing.md, "Modul paket")."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from balai_kernel.actor import Actor, ActorKind

SMOKE = Actor.named("smoke", ActorKind.CLI)


class _Rollback(Exception):
    pass


@contextlib.contextmanager
def _local_provider() -> Iterator[Any]:
    """Start the development server (never available in production images)."""
    from devtools.stripe_server import StripeServer

    secret = "whsec_smoke"  # noqa: S105 - the local server's own test secret
    server = StripeServer(webhook_secret=secret).start()
    try:
        with override_settings(
            STRIPE_SECRET_KEY="sk_test_smoke",  # noqa: S106 - local server key
            STRIPE_API_BASE=server.url,
            STRIPE_WEBHOOK_SECRET=secret,
        ):
            yield server
    finally:
        server.stop()


class Command(BaseCommand):
    help = "Alat penagihan. 'smoke' menjalankan siklus penagihan lengkap terhadap penyedia."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        smoke = sub.add_parser("smoke", help="siklus lengkap: kontrak → faktur → lunas")
        smoke.add_argument("--local", action="store_true", help="jalankan server Stripe lokal")
        smoke.add_argument("--json", action="store_true", help="cetak satu objek JSON")
        for name, text in (
            (
                "reconcile",
                "rekonsiliasi sekarang (tanpa penagihan aktif: tidak ada yang dikerjakan)",
            ),
            ("dunning", "penagihan tunggakan sekarang (tanpa penagihan aktif: tidak ada)"),
            ("sync-modules", "terapkan modul paket kontrak ke semua desa (aman diulang)"),
        ):
            p = sub.add_parser(name, help=text, description=text)
            p.add_argument("--json", action="store_true", help="cetak satu objek JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] != "smoke":
            result, text = self.periodic(opts["action"])
            self.stdout.write(json.dumps({"ok": True, **result}) if opts["json"] else text)
            return
        started = time.perf_counter()
        if opts["local"]:
            with _local_provider() as server:
                steps = self.smoke(server=server)
        else:
            if not settings.STRIPE_SECRET_KEY:
                raise CommandError("STRIPE_SECRET_KEY belum diatur (atau gunakan --local).")
            steps = self.smoke(server=None)
        result = {
            "ok": True,
            "provider": "local" if opts["local"] else (settings.STRIPE_API_BASE or "stripe"),
            "steps": steps,
            "seconds": round(time.perf_counter() - started, 2),
        }
        self.stdout.write(json.dumps(result) if opts["json"] else "\n".join(steps + ["OK"]))

    def periodic(self, action: str) -> tuple[dict[str, Any], str]:
        """Run one periodic billing job now: its result, and the line a person reads.
        With billing off (no ``STRIPE_SECRET_KEY``) reconciliation and dunning do what
        their nightly jobs do — nothing — and say so."""
        from control_plane.billing import services
        from control_plane.billing.gateway import billing_enabled

        if action == "sync-modules":
            changed = services.billing_modules_sync_all(
                actor=Actor.named("sync-modules", ActorKind.CLI)
            )
            return {"villages_changed": changed}, f"{changed} desa diubah modulnya."
        if not billing_enabled():
            off = "Penagihan belum diaktifkan (STRIPE_SECRET_KEY); tidak ada yang dikerjakan."
            return {"billing": "off"}, off
        if action == "reconcile":
            repairs = services.billing_reconcile()
            return {"repairs": repairs}, "\n".join(repairs) or "Tidak ada selisih."
        report = services.billing_dunning_run()
        return report.__dict__, (
            f"Pengingat: {', '.join(report.reminders) or '-'}; desa hanya-baca karena faktur: "
            f"{', '.join(report.suspended) or '-'}."
        )

    def smoke(self, *, server: Any) -> list[str]:
        steps: list[str] = []
        try:
            with transaction.atomic():
                self._cycle(server=server, steps=steps)
                raise _Rollback
        except _Rollback:
            pass
        return steps

    def _cycle(self, *, server: Any, steps: list[str]) -> None:
        from control_plane.billing import services
        from control_plane.billing.models import Invoice, Plan
        from control_plane.billing.services import contract_create
        from tenants import services as tenant_services

        def check(condition: bool, message: str) -> None:
            if not condition:
                raise CommandError(f"smoke gagal: {message}")
            steps.append(message)

        stamp = str(int(time.time() * 1000))[-9:]
        today = timezone.localdate()
        plan, _ = Plan.objects.get_or_create(code="smoke", defaults={"name": "Smoke"})
        contract = contract_create(
            kabupaten_code="9999",
            kabupaten_name="Kabupaten Smoke",
            number=f"SMOKE/{stamp}",
            starts_on=today,
            ends_on=today.replace(year=today.year + 1),
            actor=SMOKE,
            plan=plan,
            price_per_village=150_000_000,
            billing_email="smoke@example.id",
            billing_name="Pemerintah Kabupaten Smoke",
            billing_address="Jl. Uji No. 1",
            npwp="0012345678901000",
            proration_policy="invoice_now",
        )
        villages = [
            tenant_services.village_create(
                code=f"99990{i}9{stamp[-3:]}",
                name=f"Smoke {i}",
                slug=f"smoke-{i}-{stamp}",
                actor=SMOKE,
                status="active",
            )
            for i in range(1, 4)
        ]
        for village in villages[:2]:
            services.contract_sync_quantity(village=village, actor=SMOKE)
        contract = services.contract_billing_start(contract=contract, actor=SMOKE)
        check(contract.billed_quantity == 2, "langganan dibuat dengan jumlah 2 desa")
        first = Invoice.objects.get(contract=contract)
        check(
            first.status == "draft" and first.total == 300_000_000,
            "faktur pertama draf Rp 3.000.000",
        )
        services.contract_sync_quantity(village=villages[2], actor=SMOKE)
        contract.refresh_from_db()
        check(contract.billed_quantity == 3, "desa ketiga → jumlah 3 (prorata)")
        preview = services.contract_invoice_preview(contract=contract)
        check(preview is not None and preview.quantity == 3, "pratinjau faktur berikutnya 3 desa")
        first = services.invoice_finalize(invoice=first, actor=SMOKE)
        check(first.status == "open" and bool(first.number), "faktur diterbitkan dan dikirim")
        services.payment_record(
            invoice=first,
            amount=first.amount_due,
            received_on=today,
            reference=f"SMOKE-{stamp}",
            actor=SMOKE,
        )
        first.refresh_from_db()
        check(first.status == "paid", "transfer bank dicatat (paid_out_of_band) → lunas")
        if server is not None:
            events = server.pending_events()
            paid = [e for e in events if e["type"] == "invoice.paid"]
            outcomes = []
            for event in paid * 2:
                body, header = server.signed(event)
                outcomes.append(
                    services.webhook_event_process(payload=body, signature=header).outcome
                )
            check(
                outcomes == ["processed", "duplicate"],
                "webhook invoice.paid bertanda tangan, sekali saja",
            )
        check(services.billing_reconcile(actor=SMOKE) == [], "rekonsiliasi tanpa selisih")

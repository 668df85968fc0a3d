"""Demo billing: a contract for Kabupaten Lampung Selatan with real (local) invoices.

Without ``STRIPE_SECRET_KEY`` the demo starts the local Stripe-compatible server in a
daemon thread of the demo process (it lives as long as ``manage.py demo`` runs),
keeps its state in ``var/stripe_local.json`` and exports ``STRIPE_*`` so the web and
worker processes the demo starts use it too. Idempotent: a second run reuses the
contract and its invoices.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from balai_kernel.actor import Actor
from balai_kernel.links import absolute_url

log = logging.getLogger(__name__)

DEMO_CONTRACT_NUMBER = "SPK/027/BALAI-LAMSEL/2026"
LOCAL_PORT = 12111
_server: Any = None

DEMO = Actor.named("demo")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def local_provider_start() -> Any:
    """Start (once per process) the local server and point settings and child
    processes at it. Development only: imports ``devtools``."""
    global _server
    if _server is not None:
        return _server
    from devtools.stripe_server import StripeServer

    port = LOCAL_PORT if _port_free(LOCAL_PORT) else 0
    webhook = absolute_url(
        reverse("billing:stripe_webhook", urlconf=settings.PUBLIC_SCHEMA_URLCONF)
    )
    secret = "whsec_balai_demo"  # noqa: S105 - local demo secret
    _server = StripeServer(
        port=port,
        webhook_url=webhook,
        webhook_secret=secret,
        state_path=settings.BASE_DIR / "var" / "stripe_local.json",
    ).start()
    values = {
        "STRIPE_SECRET_KEY": "sk_test_balai_demo",
        "STRIPE_API_BASE": _server.url,
        "STRIPE_WEBHOOK_SECRET": secret,
    }
    for name, value in values.items():
        os.environ[name] = value
        setattr(settings, name, value)
    log.info("local Stripe-compatible server at %s", _server.url)
    return _server


def load_demo(*, villages: list[Any]) -> None:
    from control_plane.billing import services
    from control_plane.billing.models import Invoice, Plan
    from control_plane.billing.services import contract_amend, contract_create
    from control_plane.contracts.models import Contract

    server = None if settings.STRIPE_SECRET_KEY else local_provider_start()
    # The demo contract is on Lengkap so the demo villages show every module; Dasar
    # (without keuangan) is there to switch to (docs/billing.md, "Modul paket").
    plan, _ = Plan.objects.get_or_create(
        code="lengkap",
        defaults={"name": "Lengkap", "modules": ["penduduk", "surat", "web", "keuangan"]},
    )
    Plan.objects.get_or_create(
        code="dasar", defaults={"name": "Dasar", "modules": ["penduduk", "surat", "web"]}
    )
    contract = (
        Contract.objects.filter(number=DEMO_CONTRACT_NUMBER).first()
        or Contract.objects.filter(kabupaten_code="1801", status="active").first()
    )
    if contract is not None and (contract.plan_id is None or not contract.price_per_village):
        # A contract made by another demo (onboarding): give it billing terms.
        contract = contract_amend(
            contract=contract,
            actor=DEMO,
            plan=plan,
            price_per_village=150_000_000,
            billing_name=contract.billing_name or "BPKAD Kabupaten Lampung Selatan",
            billing_address=contract.billing_address
            or "Jl. Mustafa Kemal No. 1, Kalianda, Lampung Selatan",
            billing_email=contract.billing_email or "bpkad@lampungselatan.example.id",
            npwp=contract.npwp or "0012345678901000",
        )
    if contract and server and contract.stripe_customer_id:
        if contract.stripe_customer_id not in server.state.objects["customers"]:
            # The local server's state file was removed: start billing afresh.
            Invoice.objects.filter(contract=contract).delete()
            Contract.objects.filter(pk=contract.pk).update(
                stripe_customer_id="",
                stripe_price_id="",
                stripe_subscription_id="",
                stripe_subscription_item_id="",
                billed_quantity=0,
            )
            contract.refresh_from_db()
    if contract is None:
        year = timezone.localdate().year
        contract = contract_create(
            kabupaten_code="1801",
            kabupaten_name="Kabupaten Lampung Selatan",
            number=DEMO_CONTRACT_NUMBER,
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
            actor=DEMO,
            plan=plan,
            price_per_village=150_000_000,
            seat_limit=260,
            interval="year",
            npwp="0012345678901000",
            billing_name="BPKAD Kabupaten Lampung Selatan",
            billing_email="bpkad@lampungselatan.example.id",
            billing_address="Jl. Mustafa Kemal No. 1, Kalianda, Lampung Selatan",
            proration_policy="invoice_now",
        )
    if contract.stripe_subscription_id:
        return
    if contract.ends_on < timezone.localdate():
        # A demo database from an earlier year: billing cannot start on an ended
        # contract, so the demo contract runs to the end of this year.
        year_end = dt.date(timezone.localdate().year, 12, 31)
        contract = services.contract_amend(contract=contract, actor=DEMO, ends_on=year_end)
    first_two, rest = villages[:2], villages[2:]
    for village in first_two:
        services.contract_sync_quantity(contract=contract, village=village, actor=DEMO)
    contract = services.contract_billing_start(contract=contract, actor=DEMO)
    invoice = Invoice.objects.filter(contract=contract).first()
    if invoice and invoice.status == "draft":
        invoice = services.invoice_finalize(invoice=invoice, actor=DEMO)
        services.payment_record(
            invoice=invoice,
            amount=invoice.amount_due,
            received_on=timezone.localdate(),
            reference="DEMO-TRF-0001",
            actor=DEMO,
        )
    # A village joining mid-term: a prorated draft waits for finalization.
    for village in rest:
        services.contract_sync_quantity(contract=contract, village=village, actor=DEMO)

"""Acceptance 3: forged signature → 400 and no effect; duplicates and reverse order →
exactly one effect. The signature check is the real one (stripe.Webhook)."""

import json

import pytest

from balai_kernel.actor import Actor
from control_plane.billing import services
from control_plane.billing.models import BillingEvent, Invoice, WebhookEvent, WebhookFailure
from devtools.stripe_server import sign_payload
from tests.control_plane.billing.fixtures import WEBHOOK_SECRET

pytestmark = [pytest.mark.billing, pytest.mark.django_db]


@pytest.fixture
def open_invoice(contract, village, stripe_settings):
    services.contract_sync_quantity(village=village, actor=Actor.named("t"), contract=contract)
    contract = services.contract_billing_start(contract=contract, actor=Actor.named("t"))
    invoice = Invoice.objects.get(contract=contract)
    invoice = services.invoice_finalize(invoice=invoice, actor=Actor.named("t"))
    stripe_settings.pending_events()
    return invoice


def _pay_remotely(server, invoice) -> list[dict]:
    """The invoice is paid at the provider (e.g. by finance in Stripe's dashboard)."""
    server.api.invoice_pay({"paid_out_of_band": "true"}, invoice.stripe_invoice_id)
    return server.pending_events()


def test_forged_signature_is_rejected_without_effect(open_invoice, stripe_settings, public_client):
    (event,) = _pay_remotely(stripe_settings, open_invoice)
    body = json.dumps(event)
    for header in (
        sign_payload(body, "whsec_attacker"),
        "t=1,v1=deadbeef",
        "",
        sign_payload(body, WEBHOOK_SECRET, timestamp=1_000_000_000),  # replayed: too old
    ):
        response = public_client.post(
            "/billing/stripe/webhook",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )
        assert response.status_code == 400
    tampered = json.dumps({**event, "type": "invoice.voided"})
    response = public_client.post(
        "/billing/stripe/webhook",
        data=tampered,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign_payload(body, WEBHOOK_SECRET),
    )
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
    open_invoice.refresh_from_db()
    assert open_invoice.status == "open"


def test_duplicate_delivery_has_one_effect(open_invoice, stripe_settings, deliver):
    events = _pay_remotely(stripe_settings, open_invoice)
    first, second = deliver(events), deliver(events)
    assert [r.content for r in first] == [b"processed"]
    assert [r.content for r in second] == [b"duplicate"]
    open_invoice.refresh_from_db()
    assert open_invoice.status == "paid"
    assert WebhookEvent.objects.filter(type="invoice.paid").count() == 1
    assert (
        BillingEvent.objects.filter(
            invoice=open_invoice, action="invoice_status", details__to="paid"
        ).count()
        == 1
    )


def test_events_in_reverse_order_end_in_the_current_state(
    contract, village, stripe_settings, deliver
):
    services.contract_sync_quantity(village=village, actor=Actor.named("t"), contract=contract)
    contract = services.contract_billing_start(contract=contract, actor=Actor.named("t"))
    invoice = Invoice.objects.get(contract=contract)
    services.invoice_finalize(invoice=invoice, actor=Actor.named("t"))
    stripe_settings.api.invoice_pay({"paid_out_of_band": "true"}, invoice.stripe_invoice_id)
    events = stripe_settings.pending_events()
    types = [e["type"] for e in events]
    assert types.index("invoice.paid") > types.index("invoice.finalized")
    # Meanwhile the local mirror was rolled back to "open" (as if the pay call's
    # response had been lost); the webhooks arrive newest first.
    Invoice.objects.filter(pk=invoice.pk).update(status="open")
    responses = deliver(list(reversed(events)))
    assert all(r.status_code == 200 for r in responses)
    invoice.refresh_from_db()
    assert invoice.status == "paid"  # the older "finalized" event did not reopen it
    paid_transitions = BillingEvent.objects.filter(
        invoice=invoice, action="invoice_status", details__to="paid"
    )
    assert paid_transitions.count() == 1
    assert deliver(list(reversed(events)))[0].content == b"duplicate"


def test_provider_failure_is_recorded_and_retried(open_invoice, stripe_settings, deliver):
    events = _pay_remotely(stripe_settings, open_invoice)
    del stripe_settings.state.objects["invoices"][open_invoice.stripe_invoice_id]
    with pytest.raises(services.GatewayError):
        deliver(events)
    assert WebhookFailure.objects.count() == 1
    assert not WebhookEvent.objects.exists()  # a retry can still succeed


def test_reconciliation_repairs_drift_and_health_shows_it(
    open_invoice, stripe_settings, ops_client
):
    _pay_remotely(stripe_settings, open_invoice)  # the webhook never arrives
    repairs = services.billing_reconcile()
    assert len(repairs) == 1
    open_invoice.refresh_from_db()
    assert open_invoice.status == "paid"
    assert services.billing_reconcile() == []
    page = ops_client.get("/billing/kesehatan/")
    assert page.status_code == 200
    assert open_invoice.stripe_invoice_id in page.content.decode()


def test_reconciliation_restores_quantity_changed_at_provider(open_invoice, stripe_settings):
    contract = open_invoice.contract
    sub = stripe_settings.state.objects["subscriptions"][contract.stripe_subscription_id]
    stripe_settings.api.subscription_update(
        {
            "items": [{"id": sub["items"]["data"][0]["id"], "quantity": "7"}],
            "proration_behavior": "none",
        },
        sub["id"],
    )
    repairs = services.billing_reconcile()
    assert repairs == [f"{contract.number}: quantity 7 → 1"]
    assert sub["quantity"] == 1
    assert BillingEvent.objects.filter(contract=contract, action="drift_repaired").count() == 1


def test_reconciliation_continues_past_an_unreachable_contract(open_invoice, stripe_settings):
    contract = open_invoice.contract
    type(contract).objects.filter(pk=contract.pk).update(stripe_subscription_id="sub_gone")
    assert services.billing_reconcile() == []
    assert WebhookFailure.objects.filter(type="reconcile").count() == 1


@pytest.mark.django_db(transaction=True)
def test_webhook_mirror_locks_the_contract_before_the_invoice(open_invoice, stripe_settings):
    """A webhook arrives while ``invoice_finalize`` holds the contract and is about to
    write the invoice: the webhook must queue on the contract, not grab the invoice
    first (the opposite order deadlocked in a browser test)."""
    import threading
    import time

    import psycopg
    from django.db import connections

    from control_plane.billing.gateway import gateway_get
    from tests.database import database_url

    provider = gateway_get().invoice_retrieve(invoice_id=open_invoice.stripe_invoice_id)
    finished = threading.Event()
    errors: list[BaseException] = []

    def webhook_mirror() -> None:
        try:
            services.invoice_mirror(provider=provider, actor=Actor.named("stripe-webhook"))
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()
            finished.set()

    with psycopg.connect(database_url()) as finalizer:
        finalizer.execute(
            "SELECT 1 FROM contracts_contract WHERE id = %s FOR UPDATE", [open_invoice.contract_id]
        )
        thread = threading.Thread(target=webhook_mirror)
        thread.start()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            # Statistics are a snapshot per transaction: take a fresh one on each look.
            finalizer.execute("SELECT pg_stat_clear_snapshot()")
            waiting = finalizer.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            ).fetchone()[0]
            if waiting:
                break
            time.sleep(0.05)
        assert waiting, f"the webhook never queued behind the contract lock {errors}"
        # The invoice row is still free for the finalizer to write.
        finalizer.execute(
            "SELECT 1 FROM billing_invoice WHERE id = %s FOR UPDATE NOWAIT", [open_invoice.pk]
        )
        finalizer.rollback()
    thread.join(15)
    assert finished.is_set() and not errors
    open_invoice.refresh_from_db()
    assert open_invoice.status == provider.status

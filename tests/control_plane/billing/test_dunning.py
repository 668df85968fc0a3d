"""Acceptance 2: with an injected clock, overdue → reminders → grace passes →
villages read-only (writes refused, data intact) → payment → writable again."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from balai_kernel.actor import Actor
from control_plane.billing import services
from control_plane.billing.models import BillingEvent, Invoice
from tenants import services as tenant_services
from tenants.context import village_context

pytestmark = [pytest.mark.billing, pytest.mark.django_db]


def _write_status(village) -> int:
    """Status of a write request to the village's site (the request leaves the
    connection on the village schema; go back to public as the next request would)."""
    status = Client(HTTP_HOST=village.host).post("/", {"x": "1"}).status_code
    connection.set_schema_to_public()
    return status


def _user_count(village) -> int:
    with village_context(village):
        return get_user_model().objects.count()


def test_dunning_reminds_suspends_and_resumes_on_payment(
    contract, village, village_b, stripe_settings, deliver, django_capture_on_commit_callbacks
):
    for v in (village, village_b):
        services.contract_sync_quantity(village=v, actor=Actor.named("t"), contract=contract)
    contract = services.contract_billing_start(contract=contract, actor=Actor.named("t"))
    invoice = services.invoice_finalize(
        invoice=Invoice.objects.get(contract=contract), actor=Actor.named("t")
    )
    due = invoice.due_date
    assert due is not None
    # An operations suspension of another village must survive billing's resume.
    tenant_services.village_suspend(village=village_b, reason="operations", actor="ops")
    users_before = _user_count(village)

    def run(days: float):
        with django_capture_on_commit_callbacks(execute=True):
            return services.billing_dunning_run(now=due + dt.timedelta(days=days))

    assert run(-1).reminders == []
    assert run(1.5).reminders == [invoice.number]
    assert run(2).reminders == []  # the same reminder is not sent twice
    assert run(8).reminders == [invoice.number]
    assert len(mail.outbox) == 2
    assert "bpkad@lampungselatan.go.id" in mail.outbox[0].to
    assert "belum dibayar" in mail.outbox[0].subject
    assert run(29).suspended == []
    village.refresh_from_db()
    assert village.status == "active"

    assert run(30.5).suspended == [invoice.number]
    village.refresh_from_db()
    assert village.status == "suspended"
    assert village.suspensions.filter(reason="billing", lifted_at__isnull=True).exists()
    assert _write_status(village) == 403
    assert _user_count(village) == users_before
    assert run(31).suspended == []  # suspended once
    actions = list(BillingEvent.objects.filter(contract=contract).values_list("action", flat=True))
    assert actions.count("reminder_sent") == 3 and actions.count("villages_suspended") == 1

    services.payment_record(
        invoice=invoice,
        amount=invoice.amount_due,
        received_on=timezone.localdate(),
        reference="SP2D-01",
        actor=Actor.named("keuangan"),
    )
    deliver()
    village.refresh_from_db()
    village_b.refresh_from_db()
    assert village.status == "active"
    assert _write_status(village) != 403
    assert village_b.status == "suspended"  # operations reason stays
    assert village_b.suspensions.filter(reason="operations", lifted_at__isnull=True).exists()
    assert BillingEvent.objects.filter(contract=contract, action="villages_resumed").count() == 1


def test_partial_payment_keeps_invoice_open(contract, village, stripe_settings):
    services.contract_sync_quantity(village=village, actor=Actor.named("t"), contract=contract)
    contract = services.contract_billing_start(contract=contract, actor=Actor.named("t"))
    invoice = services.invoice_finalize(
        invoice=Invoice.objects.get(contract=contract), actor=Actor.named("t")
    )
    services.payment_record(
        invoice=invoice,
        amount=100_000_00,
        received_on=timezone.localdate(),
        reference="a",
        actor=Actor.named("k"),
    )
    invoice.refresh_from_db()
    assert invoice.status == "open"
    services.payment_record(
        invoice=invoice,
        amount=invoice.amount_due - 100_000_00,
        received_on=timezone.localdate(),
        reference="b",
        actor=Actor.named("k"),
    )
    invoice.refresh_from_db()
    assert invoice.status == "paid" and invoice.payments.count() == 2


def test_finalize_refuses_draft_that_fails_checks(contract, village, stripe_settings):
    services.contract_sync_quantity(village=village, actor=Actor.named("t"), contract=contract)
    contract = services.contract_billing_start(contract=contract, actor=Actor.named("t"))
    contract.billing_email = ""
    contract.save()
    invoice = Invoice.objects.get(contract=contract)
    with pytest.raises(services.BillingError, match="e-mail penagihan"):
        services.invoice_finalize(invoice=invoice, actor=Actor.named("t"))
    assert stripe_settings.state.objects["invoices"][invoice.stripe_invoice_id]["status"] == "draft"

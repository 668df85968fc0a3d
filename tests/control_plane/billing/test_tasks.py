"""The periodic tasks call the services (and do nothing while billing is off)."""

import pytest

from balai_kernel.actor import Actor
from control_plane.billing import services
from control_plane.billing.models import BillingEvent, Invoice
from control_plane.billing.tasks import billing_dunning_task, billing_reconcile_task

pytestmark = [pytest.mark.billing, pytest.mark.django_db]


def test_tasks_are_no_ops_without_billing(settings):
    settings.STRIPE_SECRET_KEY = ""
    billing_dunning_task(timestamp=0)
    billing_reconcile_task(timestamp=0)
    assert not BillingEvent.objects.exists()


def test_reconcile_task_repairs_drift(contract, village, stripe_settings):
    services.contract_sync_quantity(village=village, actor=Actor.named("t"), contract=contract)
    contract = services.contract_billing_start(contract=contract, actor=Actor.named("t"))
    invoice = Invoice.objects.get(contract=contract)
    stripe_settings.api.invoice_finalize({}, invoice.stripe_invoice_id)
    billing_reconcile_task(timestamp=0)
    invoice.refresh_from_db()
    assert invoice.status == "open"
    billing_dunning_task(timestamp=0)  # not overdue yet: nothing to do
    assert not BillingEvent.objects.filter(action="reminder_sent").exists()

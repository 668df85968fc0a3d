"""Browser: a contract manager follows an invoice in the portal; the payment arrives
as a signed webhook POSTed by the local Stripe server over real HTTP to the live
server, and the portal shows it paid."""

import time

import pytest

from balai_kernel.actor import Actor
from control_plane.billing import services
from control_plane.billing.models import Invoice, WebhookEvent
from tests.control_plane.billing.fixtures import contract_make, staff_client
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.billing, pytest.mark.django_db(transaction=True)]


def test_invoice_paid_webhook_shows_in_portal(
    page,
    live_host,
    live_stripe,
    plan,  # noqa: F811 - the fixture imported above
    village,
    village_b,
):
    contract = contract_make(plan=plan)
    for v in (village, village_b):
        services.contract_sync_quantity(village=v, actor=Actor.named("e2e"), contract=contract)
    contract = services.contract_billing_start(contract=contract, actor=Actor.named("e2e"))
    invoice = services.invoice_finalize(
        invoice=Invoice.objects.get(contract=contract), actor=Actor.named("e2e")
    )

    manager, _ = staff_client(role="contract_manager", kabupaten_code="1801", username="mgr-e2e")
    page.context.add_cookies(
        [{"name": "sessionid", "value": manager.cookies["sessionid"].value, "url": live_host("/")}]
    )
    page.goto(live_host(f"/kabupaten/{contract.pk}/"))
    row = page.locator(f'tr[data-invoice="{invoice.stripe_invoice_id}"]')
    assert row.locator(".status").inner_text() == "Terbit, belum dibayar"
    assert "Rp 3.330.000" in row.inner_text()

    # Finance marks the transfer in the provider's dashboard: only the webhook tells Balai.
    live_stripe.api.invoice_pay({"paid_out_of_band": "true"}, invoice.stripe_invoice_id)
    deadline = time.monotonic() + 15
    while not WebhookEvent.objects.filter(type="invoice.paid").exists():
        assert time.monotonic() < deadline, live_stripe.deliveries
        time.sleep(0.1)
    page.reload()
    assert row.locator(".status").inner_text() == "Lunas"
    assert page.console_errors == []
    screenshot(page, "billing-portal-paid")

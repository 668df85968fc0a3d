"""Acceptance 1: contract → 3 villages → quantity 3 → 4th village mid-term →
proration per policy → invoice finalized and sent → bank transfer out of band →
invoice.paid webhook → paid in the portal. Real HTTP to the local Stripe server."""

import re

import pytest
from django.utils import timezone

from balai_kernel.actor import Actor
from control_plane.billing import services
from control_plane.billing.gateway import gateway_get
from control_plane.billing.models import BillingEvent, Invoice, WebhookEvent
from tests.control_plane.billing.fixtures import staff_client, village_new

pytestmark = [pytest.mark.billing, pytest.mark.django_db]


def test_contract_lifecycle_to_paid_invoice_in_portal(
    contract, village, village_b, stripe_settings, stripe_clock, deliver
):
    server = stripe_settings
    third = village_new(code="1801042021", name="Tagih Tiga", slug="tagih-tiga")
    for v in (village, village_b, third):
        services.contract_sync_quantity(village=v, actor=Actor.named("onboarding"))

    contract = services.contract_billing_start(contract=contract, actor=Actor.named("ops"))
    sub = server.state.objects["subscriptions"][contract.stripe_subscription_id]
    assert sub["items"]["data"][0]["quantity"] == 3
    assert sub["collection_method"] == "send_invoice" and sub["days_until_due"] == 30
    customer = server.state.objects["customers"][contract.stripe_customer_id]
    assert customer["preferred_locales"] == ["id"]
    assert server.api.customer_tax_ids({}, customer["id"])["data"][0]["type"] == "id_npwp"
    first = Invoice.objects.get(contract=contract)
    assert first.status == "draft" and first.total == 3 * 150_000_000
    assert server.state.objects["invoices"][first.stripe_invoice_id]["auto_advance"] is False

    # Half-way through the term a fourth village joins: policy "invoice now".
    stripe_clock.advance(days=182)
    fourth = village_new(code="1801042022", name="Tagih Empat", slug="tagih-empat")
    services.contract_sync_quantity(village=fourth, actor=Actor.named("onboarding"))
    contract.refresh_from_db()
    assert contract.billed_quantity == 4 and contract.amendment == 1
    assert server.state.objects["subscriptions"][contract.stripe_subscription_id]["quantity"] == 4
    proration = Invoice.objects.filter(contract=contract).exclude(pk=first.pk).get()
    assert proration.status == "draft"
    assert all(line["proration"] for line in proration.lines)
    # One village for ~half a year: ~Rp 750.000, never a full year.
    assert 70_000_000 < proration.total < 80_000_000

    # Balai's checks pass → finalize and send both; the contract number is on them.
    for invoice in (first, proration):
        invoice = services.invoice_finalize(invoice=invoice, actor=Actor.named("ops"))
        assert invoice.status == "open" and invoice.number and invoice.hosted_invoice_url
        remote = server.state.objects["invoices"][invoice.stripe_invoice_id]
        assert remote["custom_fields"] == [{"name": "No. Kontrak/SPK", "value": contract.number}]
    deliver()

    # Finance matches the bank transfer for the first invoice.
    first.refresh_from_db()
    services.payment_record(
        invoice=first,
        amount=first.amount_due,
        received_on=timezone.localdate(),
        reference="TRF-0001",
        actor=Actor.named("keuangan"),
    )
    assert server.state.objects["invoices"][first.stripe_invoice_id]["paid_out_of_band"] is True
    responses = deliver()
    assert [r.status_code for r in responses] == [200]
    assert WebhookEvent.objects.filter(type="invoice.paid").count() == 1
    first.refresh_from_db()
    assert first.status == "paid"
    assert (
        BillingEvent.objects.filter(
            invoice=first, action="invoice_status", details__to="paid"
        ).count()
        == 1
    )

    manager, _ = staff_client(
        role="contract_manager", kabupaten_code="1801", username="pengelola-1801"
    )
    page = manager.get(f"/kabupaten/{contract.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    row = re.search(rf'data-invoice="{first.stripe_invoice_id}">(.*?)</tr>', html, re.S)
    assert row and first.number in row.group(1)
    assert re.search(r'data-field="status" data-value="paid">Lunas<', row.group(1))
    assert "Rp 4.995.000" in html  # 3 × Rp 1.500.000 + PPN Rp 495.000 added at finalization
    assert "Tagih Empat" in html


@pytest.mark.parametrize(
    ("policy", "new_invoice", "pending_items"),
    [("invoice_now", True, 0), ("next_period", False, 2), ("none", False, 0)],
)
def test_proration_policy(
    plan, village, village_b, stripe_settings, stripe_clock, policy, new_invoice, pending_items
):
    from tests.control_plane.billing.fixtures import contract_make

    contract = contract_make(plan=plan, proration_policy=policy)
    services.contract_sync_quantity(village=village, actor=Actor.named("t"), contract=contract)
    contract = services.contract_billing_start(contract=contract, actor=Actor.named("t"))
    stripe_clock.advance(days=100)
    services.contract_sync_quantity(village=village_b, actor=Actor.named("t"), contract=contract)
    contract.refresh_from_db()
    assert contract.billed_quantity == 2
    assert Invoice.objects.filter(contract=contract).count() == (2 if new_invoice else 1)
    pending = stripe_settings.api.invoiceitem_list(
        {"customer": contract.stripe_customer_id, "pending": "true"}
    )["data"]
    assert len(pending) == pending_items
    preview = services.contract_invoice_preview(contract=contract)
    assert preview is not None and preview.quantity == 2
    expected_next = 2 * 150_000_000 + sum(i["amount"] for i in pending)
    assert preview.total == expected_next


def test_gateway_idempotency_key_replays(contract, stripe_settings):
    gw = gateway_get()
    terms = services.contract_terms_get(contract=contract)
    assert gw.customer_create(terms=terms) == gw.customer_create(terms=terms)


def test_plan_modules_follow_the_contract_plan(contract, village, village_b, plan):
    from control_plane.billing.models import Plan
    from control_plane.billing.selectors import village_plan_modules
    from control_plane.billing.services import contract_amend

    services.contract_seat_attach(contract=contract, village=village, actor=Actor.named("t"))
    assert village_plan_modules(village=village) == ["penduduk", "surat"]
    assert village_plan_modules(village=village_b) is None  # outside any contract
    lengkap = Plan.objects.create(
        code="lengkap", name="Lengkap", modules=["penduduk", "surat", "web"]
    )
    contract_amend(contract=contract, actor=Actor.named("ops"), plan=lengkap)
    assert village_plan_modules(village=village) == ["penduduk", "surat", "web"]

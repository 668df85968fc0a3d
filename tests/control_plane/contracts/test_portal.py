"""Acceptance 4 and the portal/console pages: a contract manager of kabupaten A
never sees kabupaten B's contract, villages or invoices; operations manage contracts."""

import pytest

from balai_kernel.actor import Actor
from control_plane.billing import services
from control_plane.billing.models import BillingEvent, Invoice
from control_plane.contracts.models import Contract
from tests.control_plane.billing.fixtures import contract_make, staff_client

pytestmark = [pytest.mark.billing, pytest.mark.django_db]


@pytest.fixture
def two_contracts(plan, village, village_x, stripe_settings):
    a = contract_make(plan=plan)
    b = contract_make(plan=plan, code="1802", name="Kabupaten Tanggamus")
    services.contract_sync_quantity(village=village, actor=Actor.named("t"), contract=a)
    services.contract_sync_quantity(village=village_x, actor=Actor.named("t"), contract=b)
    a = services.contract_billing_start(contract=a, actor=Actor.named("t"))
    b = services.contract_billing_start(contract=b, actor=Actor.named("t"))
    return a, b


def test_manager_sees_only_own_kabupaten(two_contracts, village, village_x):
    a, b = two_contracts
    invoice_b = Invoice.objects.get(contract=b)
    manager, _ = staff_client(role="contract_manager", kabupaten_code="1801", username="mgr-a")

    listing = manager.get("/kabupaten/").content.decode()
    assert a.number in listing and b.number not in listing
    searched = manager.get("/kabupaten/", {"q": "Tanggamus"}).content.decode()
    assert b.number not in searched and "Belum ada kontrak" in searched

    own = manager.get(f"/kabupaten/{a.pk}/")
    assert own.status_code == 200
    assert village.name in own.content.decode()
    other = manager.get(f"/kabupaten/{b.pk}/")
    assert other.status_code == 404
    html = own.content.decode()
    assert village_x.name not in html and invoice_b.stripe_invoice_id not in html
    # Operations-only pages and actions are refused.
    assert manager.get(f"/billing/faktur/{invoice_b.pk}/pembayaran/").status_code == 403
    assert manager.post(f"/billing/faktur/{invoice_b.pk}/terbitkan/").status_code == 403
    assert manager.get(f"/kabupaten/{b.pk}/ubah/").status_code == 403
    assert manager.get("/billing/kesehatan/").status_code == 403
    assert Invoice.objects.get(pk=invoice_b.pk).status == "draft"


def _signup(code: str, name: str):
    from django.utils import timezone

    from control_plane.onboarding.models import Signup

    return Signup.objects.create(
        status="pending",
        code=code,
        kabupaten_code=code[:4],
        village_name=name,
        slug=name.lower().replace(" ", "-"),
        operator_name="Operator",
        email="op@example.id",
        phone="081234567890",
        position="Sekdes",
        consent_at=timezone.now(),
    )


def test_portal_shows_unbilled_pending_and_preview(two_contracts, village_b):
    a, _ = two_contracts
    _signup("1801042099", "Desa Menunggu")
    _signup("1802012099", "Desa Lain Menunggu")
    manager, _ = staff_client(role="contract_manager", kabupaten_code="1801", username="mgr-p")
    html = manager.get(f"/kabupaten/{a.pk}/?pratinjau=1").content.decode()
    assert "Desa Menunggu" in html and "Desa Lain Menunggu" not in html
    assert "tidak ditagihkan" in html and village_b.name in html  # hosted, no seat
    assert 'id="preview"' in html and "Rp 1.500.000" in html
    assert 'id="seats"' in html


def test_list_and_detail_query_counts(two_contracts, plan, django_assert_max_num_queries):
    ops, _ = staff_client(role="ops", username="ops-q")
    for i in range(5):
        contract_make(plan=plan, code="1803", name=f"Kabupaten Uji {i}")
    with django_assert_max_num_queries(12):
        assert ops.get("/kabupaten/").status_code == 200
    with django_assert_max_num_queries(20):
        assert ops.get(f"/kabupaten/{two_contracts[0].pk}/").status_code == 200


def test_ops_creates_and_amends_contract(plan, ops_client, stripe_settings, village):
    response = ops_client.post(
        "/kabupaten/baru/",
        {
            "kabupaten_code": "1801",
            "kabupaten_name": "Kabupaten Lampung Selatan",
            "number": "SPK/027/BALAI/2026",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "seat_limit": "260",
            "plan": plan.pk,
            "interval": "year",
            "npwp": "0012345678901000",
            "billing_name": "BPKAD Lampung Selatan",
            "billing_email": "bpkad@example.id",
            "billing_address": "Kalianda",
            "status": "active",
            "proration_policy": "next_period",
            "days_until_due": "30",
            "price_rupiah": "1500000",
        },
    )
    contract = Contract.objects.get(number="SPK/027/BALAI/2026")
    assert response.status_code == 302
    assert contract.price_per_village == 150_000_000
    invalid = ops_client.post("/kabupaten/baru/", {"number": "x", "npwp": "123"})
    assert invalid.status_code == 200
    assert "NPWP harus 16 digit angka." in invalid.content.decode()

    services.contract_sync_quantity(village=village, actor=Actor.named("t"), contract=contract)
    assert ops_client.post(f"/kabupaten/{contract.pk}/mulai-tagihan/").status_code == 302
    contract.refresh_from_db()
    old_price = contract.stripe_price_id
    assert contract.stripe_subscription_id
    data = {
        **{k: v for k, v in response.wsgi_request.POST.items() if k != "kabupaten_code"},
        "price_rupiah": "1750000",
    }
    assert ops_client.post(f"/kabupaten/{contract.pk}/ubah/", data).status_code == 302
    contract.refresh_from_db()
    assert contract.price_per_village == 175_000_000 and contract.stripe_price_id != old_price
    sub = stripe_settings.state.objects["subscriptions"][contract.stripe_subscription_id]
    assert sub["items"]["data"][0]["price"]["unit_amount"] == 175_000_000
    assert BillingEvent.objects.filter(contract=contract, action="price_changed").exists()


def test_ops_finalizes_and_records_payment_over_http(two_contracts, ops_client):
    a, _ = two_contracts
    invoice = Invoice.objects.get(contract=a)
    assert "Kontrak baru" in ops_client.get("/kabupaten/").content.decode()
    response = ops_client.post(f"/billing/faktur/{invoice.pk}/terbitkan/")
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == "open" and invoice.sent_at is not None
    form = ops_client.get(f"/billing/faktur/{invoice.pk}/pembayaran/")
    # Rp 1.500.000 + PPN 12% of the 11/12 base (Rp 165.000), added at finalization.
    assert "Rp 1.665.000" in form.content.decode()
    bad = ops_client.post(f"/billing/faktur/{invoice.pk}/pembayaran/", {"amount_rupiah": "0"})
    assert bad.status_code == 200 and invoice.payments.count() == 0
    response = ops_client.post(
        f"/billing/faktur/{invoice.pk}/pembayaran/",
        {"amount_rupiah": "1665000", "received_on": "2026-11-20", "reference": "TRF-9"},
    )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == "paid" and invoice.payments.get().amount == 166_500_000
    again = ops_client.post(
        f"/billing/faktur/{invoice.pk}/pembayaran/",
        {"amount_rupiah": "1", "received_on": "2026-11-20", "reference": "TRF-10"},
    )
    assert "tidak sedang menunggu pembayaran" in again.content.decode()

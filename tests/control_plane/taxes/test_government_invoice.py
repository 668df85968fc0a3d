"""Acceptance: contract → BAST signed in the portal → invoice with tax lines → SP2D of
the net amount + withholding slips → settled; a short payment without slips stays open
with the difference shown. Real HTTP to the local Stripe server."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from balai_kernel.actor import Actor
from control_plane.billing import services as billing
from control_plane.billing.models import Invoice
from control_plane.taxes.government import coretax_for_period, sp2d_payment_record
from control_plane.taxes.models import BuyerTaxProfile
from tests.control_plane.billing.fixtures import contract_make, staff_client, village_new

pytestmark = [pytest.mark.billing, pytest.mark.django_db]


def _draft_for(contract, villages):
    BuyerTaxProfile.objects.create(contract=contract, buyer_kind="government", requires_bast=True)
    for v in villages:
        billing.contract_sync_quantity(village=v, actor=Actor.named("onboarding"))
    contract = billing.contract_billing_start(contract=contract, actor=Actor.named("ops"))
    return Invoice.objects.get(contract=contract)


def test_bast_taxes_sp2d_settlement(contract, village, village_b, stripe_settings, ops_client):
    third = village_new(code="1801042031", name="Pajak Tiga", slug="pajak-tiga")
    invoice = _draft_for(contract, [village, village_b, third])
    assert invoice.total == 3 * 150_000_000

    # Without a signed BAST the invoice cannot be issued (taxes are frozen already).
    with pytest.raises(billing.BillingError, match="BAST"):
        billing.invoice_finalize(invoice=invoice, actor=Actor.named("ops"))

    assert ops_client.post(f"/kabupaten/pajak/faktur/{invoice.pk}/bast/buat/").status_code == 302
    other, _ = staff_client(
        role="contract_manager", kabupaten_code="1802", username="pengelola-1802"
    )
    assert other.post(f"/kabupaten/pajak/faktur/{invoice.pk}/bast/tanda-tangan/").status_code == 404
    manager, _ = staff_client(
        role="contract_manager", kabupaten_code="1801", username="pengelola-1801"
    )
    bast_pdf = manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/bast.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(bast_pdf.content)).pages)
    assert "Pajak Tiga" in text and contract.number in text
    assert (
        manager.post(f"/kabupaten/pajak/faktur/{invoice.pk}/bast/tanda-tangan/").status_code == 302
    )

    invoice = billing.invoice_finalize(
        invoice=Invoice.objects.get(pk=invoice.pk), actor=Actor.named("ops")
    )
    assert invoice.status == "open"
    # Rp 4.500.000 fee → DPP 4.125.000 → PPN 495.000; PPh 23 Rp 90.000; code 02.
    assert invoice.total == 4_995_000 * 100
    remote = stripe_settings.state.objects["invoices"][invoice.stripe_invoice_id]
    assert remote["metadata"]["net_transfer_idr"] == "4410000"
    page = manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/").content.decode()
    for shown in (
        "Rp 4.500.000",
        "Rp 4.125.000",
        "Rp 495.000",
        "Rp 4.995.000",
        "Rp 90.000",
        "Rp 4.410.000",
        "dipotong oleh pemotong",
    ):
        assert shown in page.replace(",", "."), shown

    response = ops_client.post(
        f"/kabupaten/pajak/faktur/{invoice.pk}/sp2d/",
        {
            "sp2d_number": "00123/SP2D/LS/2026",
            "sp2d_date": "2026-11-27",
            "received_idr": "4410000",
            "pph23_withheld_idr": "90000",
            "pph23_slip_number": "BP23-0001",
            "ppn_withheld_idr": "495000",
            "ppn_slip_number": "NTPN-ABC123",
        },
    )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    assert (
        stripe_settings.state.objects["invoices"][invoice.stripe_invoice_id]["paid_out_of_band"]
        is True
    )
    page = manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/").content.decode()
    assert "00123/SP2D/LS/2026" in page and "lunas" in page

    receipt = manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/kuitansi.pdf")
    receipt_text = " ".join(PdfReader(io.BytesIO(receipt.content)).pages[0].extract_text().split())
    assert "Empat juta sembilan ratus sembilan puluh lima ribu rupiah" in receipt_text
    assert "e-meterai" not in receipt_text  # Rp 4.995.000 is under the Rp 5.000.000 threshold

    year = timezone.localtime(invoice.finalized_at).year
    statement = (
        manager.get(f"/kabupaten/pajak/laporan/{contract.pk}/{year}/")
        .content.decode()
        .replace(",", ".")
    )
    assert "4.995.000" in statement and "4.410.000" in statement

    xml = coretax_for_period(
        start=timezone.localdate() - dt.timedelta(days=1), end=timezone.localdate()
    )
    assert (
        b"<TrxCode>02</TrxCode>" in xml
        and b"<VAT>495000.00</VAT>" in xml
        and b"<OtherTaxBase>4125000.00</OtherTaxBase>" in xml
    )


def test_short_payment_without_slips_stays_open(plan, village_x, stripe_settings, ops_client):
    contract = contract_make(plan=plan, code="1802", name="Kabupaten Lain")
    BuyerTaxProfile.objects.create(contract=contract, buyer_kind="government", requires_bast=False)
    billing.contract_sync_quantity(village=village_x, actor=Actor.named("onboarding"))
    contract = billing.contract_billing_start(contract=contract, actor=Actor.named("ops"))
    invoice = billing.invoice_finalize(
        invoice=Invoice.objects.get(contract=contract), actor=Actor.named("ops")
    )
    # Rp 1.500.000 + PPN 165.000 = 1.665.000 ≤ Rp 2.000.000: the seller collects PPN (code 04).
    assert invoice.total == 1_665_000 * 100
    with pytest.raises(ValueError, match="bukti potong"):
        sp2d_payment_record(
            invoice=invoice,
            sp2d_number="S-1",
            sp2d_date=dt.date(2026, 11, 27),
            received_idr=1_635_000,
            pph23_withheld_idr=30_000,
            actor=Actor.named("keuangan"),
        )
    _payment, figures = sp2d_payment_record(
        invoice=invoice,
        sp2d_number="S-1",
        sp2d_date=dt.date(2026, 11, 27),
        received_idr=1_635_000,
        actor=Actor.named("keuangan"),
    )
    assert not figures.is_paid and figures.outstanding_idr == 30_000
    invoice.refresh_from_db()
    assert invoice.status == "open"
    page = (
        ops_client.get(f"/kabupaten/pajak/faktur/{invoice.pk}/").content.decode().replace(",", ".")
    )
    assert "kurang Rp 30.000" in page

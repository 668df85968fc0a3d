"""Every billing and tax document of one invoice says the same thing (issue 18, class of
finding 8: one source of truth per money figure).

For one 2-village invoice in each state it can be in — draft, open, paid through the
provider (signed webhook), paid by SP2D, partly paid, void — the invoice page, the
contract page, the payment form, the yearly summary, the receipt, the BAST and the
Coretax export are rendered as users get them, and their status, total and
outstanding amount (and villages and period, where they show them) must equal the
expected figures and each other. Real HTTP to the local Stripe server.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from pypdf import PdfReader

from balai_kernel.actor import Actor
from control_plane.billing import services as billing
from control_plane.billing.models import Invoice
from control_plane.taxes.government import sp2d_payment_record
from control_plane.taxes.models import BuyerTaxProfile
from tests.control_plane.billing.fixtures import staff_client

pytestmark = [pytest.mark.billing, pytest.mark.django_db]

OPS = Actor.named("ops")
# Two villages at Rp 1.500.000: fee 3.000.000, DPP 2.750.000, PPN 12 % 330.000 (the
# treasurer collects it: above Rp 2.000.000), PPh 23 2 % 60.000.
FEE, PPN, PPH23 = 3_000_000, 330_000, 60_000
TOTAL = FEE + PPN


@dataclass(frozen=True)
class Expected:
    status: str
    total: int
    outstanding: int
    issued: bool  # in the yearly summary and the tax export
    paid: bool  # a receipt exists


STATES = {
    "draft": Expected("draft", FEE, 0, issued=False, paid=False),
    "open": Expected("open", TOTAL, TOTAL, issued=True, paid=False),
    "paid_by_provider": Expected("paid", TOTAL, 0, issued=True, paid=True),
    "paid_by_sp2d": Expected("paid", TOTAL, 0, issued=True, paid=True),
    "partly_paid": Expected("open", TOTAL, TOTAL - 1_000_000 - PPH23, issued=True, paid=False),
    "void": Expected("void", TOTAL, 0, issued=False, paid=False),
}


def _invoice_in(state: str, contract, villages, stripe_settings, deliver) -> Invoice:
    BuyerTaxProfile.objects.create(contract=contract, buyer_kind="government", requires_bast=False)
    for v in villages:
        billing.contract_sync_quantity(village=v, actor=Actor.named("onboarding"))
    contract = billing.contract_billing_start(contract=contract, actor=OPS)
    invoice = Invoice.objects.get(contract=contract)
    if state == "draft":
        return invoice
    invoice = billing.invoice_finalize(invoice=invoice, actor=OPS)
    if state == "paid_by_provider":
        stripe_settings.pending_events()
        stripe_settings.api.invoice_pay({"paid_out_of_band": "true"}, invoice.stripe_invoice_id)
        assert all(r.status_code == 200 for r in deliver())
    elif state == "paid_by_sp2d":
        sp2d_payment_record(
            invoice=invoice, sp2d_number="SP2D-1", sp2d_date=timezone.localdate(),
            received_idr=TOTAL - PPN - PPH23, pph23_withheld_idr=PPH23,
            pph23_slip_number="BP-1", ppn_withheld_idr=PPN, ppn_slip_number="NTPN-1", actor=OPS,
        )  # fmt: skip
    elif state == "partly_paid":
        sp2d_payment_record(
            invoice=invoice, sp2d_number="SP2D-1", sp2d_date=timezone.localdate(),
            received_idr=1_000_000, pph23_withheld_idr=PPH23, pph23_slip_number="BP-1",
            actor=OPS,
        )  # fmt: skip
    elif state == "void":
        billing.invoice_void(invoice=invoice, actor=OPS)
    invoice.refresh_from_db()
    return invoice


def _rupiah(text: str) -> int:
    match = re.search(r"Rp\s?(-?[\d.]+)(,\d+)?", text)
    assert match is not None, text
    assert match.group(2) is None, f"sen shown: {text}"
    return int(match.group(1).replace(".", ""))


def _field(html: str, name: str, scope: str | None = None) -> tuple[str, str] | None:
    """``(data-value, visible text)`` of the element marked ``data-field=name``."""
    source = scope if scope is not None else html
    match = re.search(
        rf'data-field="{name}"(?: data-value="([^"]*)")?[^>]*>(.*?)</(?:td|span|strong|p)>',
        source,
        re.S,
    )
    if match is None:
        return None
    return match.group(1), re.sub(r"<[^>]+>", "", match.group(2)).strip()


def _read_row(html: str, marker: str) -> dict[str, object]:
    row = re.search(rf"{marker}[^>]*>(.*?)</tr>", html, re.S)
    assert row is not None, marker
    out: dict[str, object] = {}
    for name in ("status", "total", "outstanding"):
        value, text = _field(html, name, row.group(1))
        out[name] = value if name == "status" else _rupiah(text)
        if name != "status":
            assert int(value) == out[name]
    return out


def _pdf(content: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split()
    )


@pytest.mark.parametrize("state", sorted(STATES))
def test_every_document_agrees(
    state, contract, village, village_b, stripe_settings, deliver, ops_client
):
    expected = STATES[state]
    invoice = _invoice_in(state, contract, [village, village_b], stripe_settings, deliver)
    assert invoice.status == expected.status
    manager, _u = staff_client(role="contract_manager", kabupaten_code="1801", username="pk-sweep")
    read: dict[str, dict[str, object]] = {}

    # The invoice page.
    page = manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/").content.decode()
    status, _label = _field(page, "status")
    total_value, total_text = _field(page, "total")
    outstanding = _field(page, "outstanding")
    read["invoice page"] = {
        "status": status,
        "total": _rupiah(total_text),
        "outstanding": _rupiah(outstanding[1]) if outstanding else 0,
    }
    assert int(total_value) == read["invoice page"]["total"]
    assert ("kurang" in page) == (expected.outstanding > 0)
    assert ("lunas" in page) == expected.paid
    assert ("kuitansi.pdf" in page) == expected.paid
    assert "2 desa" in page

    # The contract page (manager and operations) and the payment form.
    for who, client in (("contract page (manager)", manager), ("contract page (ops)", ops_client)):
        html = client.get(f"/kabupaten/{contract.pk}/").content.decode()
        read[who] = _read_row(html, f'data-invoice="{invoice.stripe_invoice_id}"')
    form = ops_client.get(f"/billing/faktur/{invoice.pk}/pembayaran/").content.decode()
    value, text = _field(form, "outstanding")
    assert int(value) == _rupiah(text) == expected.outstanding

    # The yearly summary lists issued invoices only.
    year = timezone.localdate().year
    statement = manager.get(f"/kabupaten/pajak/laporan/{contract.pk}/{year}/").content.decode()
    if expected.issued:
        read["yearly summary"] = _read_row(statement, f'data-invoice="{invoice.pk}"')
    else:
        assert f'data-invoice="{invoice.pk}"' not in statement

    for where, figures in read.items():
        assert figures == {
            "status": expected.status,
            "total": expected.total,
            "outstanding": expected.outstanding,
        }, where

    # The receipt exists exactly when every page says paid, for the same total.
    receipt = manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/kuitansi.pdf")
    if expected.paid:
        assert receipt.status_code == 200
        assert f"{expected.total:,}".replace(",", ".") in _pdf(receipt.content)
    else:
        assert receipt.status_code == 302

    # The BAST hands over the invoice's two villages, for a period inside the contract.
    made = ops_client.post(f"/kabupaten/pajak/faktur/{invoice.pk}/bast/buat/")
    assert made.status_code == 302
    bast = manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/bast.pdf")
    if expected.status == "void":
        assert bast.status_code == 404
    else:
        text = _pdf(bast.content)
        assert "meliputi 2 desa" in text and village.name in text and village_b.name in text
        found = re.search(r"periode (\d{2})-(\d{2})-(\d{4}) s\.d\. (\d{2})-(\d{2})-(\d{4})", text)
        d1, m1, y1, d2, m2, y2 = (int(g) for g in found.groups())
        start, end = dt.date(y1, m1, d1), dt.date(y2, m2, d2)
        contract.refresh_from_db()
        assert contract.starts_on <= start <= end <= contract.ends_on

    # The tax export carries issued invoices only, with the page's amounts.
    today = timezone.localdate()
    xml = ops_client.get(f"/kabupaten/pajak/coretax/?mulai={today.replace(day=1)}&sampai={today}")
    if expected.status == "draft":
        assert xml.status_code in (200, 400)  # nothing issued: no file, or an empty one
        assert invoice.stripe_invoice_id.encode() not in xml.content
    else:
        body = xml.content.decode()
        listed = (invoice.number or "§") in body
        assert listed == expected.issued, body[:500]
        if listed:
            assert f"<VAT>{PPN}.00</VAT>" in body and f"<TaxBase>{FEE}.00</TaxBase>" in body
            assert "2 desa" in body

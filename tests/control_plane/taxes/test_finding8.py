"""Issue 18, finding 8 (acceptance 3): billing and tax documents of one invoice agree.

The demo's path, through the pages a contract manager and operations open: a 2-village
invoice is issued and paid (by bank transfer recorded by finance, and by the provider's
own webhook), a third village joins mid-term (a prorated draft with sen), then the
invoice page, the yearly summary, the receipt, the BAST, the contract page and the
Coretax page are read as a user reads them. Real HTTP to the local Stripe server.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from balai_kernel.actor import Actor
from control_plane.billing import services as billing
from control_plane.billing.models import Invoice
from control_plane.contracts.models import Contract
from tests.control_plane.billing.fixtures import staff_client, village_new

pytestmark = [pytest.mark.billing, pytest.mark.django_db]

OPS = Actor.named("ops")
# How far into the provider's period the third village joins: 9 days, 3 h and 17 s, so the
# prorated share has sen whatever second the test starts in.
_MID_TERM = 9 * 86400 + 3 * 3600 + 17


def _pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split()
    )


def _dates(text: str) -> list[dt.date]:
    return [
        dt.date(int(y), int(m), int(d)) for d, m, y in re.findall(r"(\d{2})-(\d{2})-(\d{4})", text)
    ]


def _issued_two_village_invoice(contract, villages) -> Invoice:
    # The contract ends before a yearly provider period would: the documents must
    # still speak of the contract's period only.
    Contract.objects.filter(pk=contract.pk).update(
        ends_on=timezone.localdate() + dt.timedelta(days=200)
    )
    for v in villages:
        billing.contract_sync_quantity(village=v, actor=Actor.named("onboarding"))
    contract = billing.contract_billing_start(
        contract=Contract.objects.get(pk=contract.pk), actor=OPS
    )
    invoice = Invoice.objects.get(contract=contract)
    return billing.invoice_finalize(invoice=invoice, actor=OPS)


@pytest.mark.parametrize("paid_by", ["transfer", "provider"])
def test_paid_invoice_reads_paid_everywhere(
    paid_by, contract, village, village_b, stripe_settings, stripe_clock, ops_client, deliver
):
    invoice = _issued_two_village_invoice(contract, [village, village_b])
    total = invoice.total // 100
    if paid_by == "transfer":
        billing.payment_record(
            invoice=invoice,
            amount=invoice.amount_due,
            received_on=timezone.localdate(),
            reference="TRF-0001",
            actor=OPS,
        )
    else:  # paid at the provider; Balai learns it from the signed webhook
        stripe_settings.pending_events()
        stripe_settings.api.invoice_pay({"paid_out_of_band": "true"}, invoice.stripe_invoice_id)
        assert all(r.status_code == 200 for r in deliver())
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    # A village joins mid-term: a prorated draft (amounts in sen at the provider).
    stripe_clock.offset = _MID_TERM
    third = village_new(code="1801042031", name="Desa Ketiga", slug="desa-ketiga")
    billing.contract_sync_quantity(village=third, actor=Actor.named("onboarding"))
    draft = Invoice.objects.filter(contract=contract, status="draft").get()
    manager, _user = staff_client(
        role="contract_manager", kabupaten_code="1801", username="pengelola-f8"
    )

    page = manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/").content.decode()
    assert "Lunas" in page
    assert "kurang" not in page and "Belum ada pembayaran" not in page, page

    year = timezone.localtime(invoice.finalized_at).year
    statement = manager.get(f"/kabupaten/pajak/laporan/{contract.pk}/{year}/").content.decode()
    row = next(
        r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", statement, re.S) if invoice.number in r
    )
    cells = [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]
    assert cells[-1] in ("0", "Rp 0"), cells  # nothing outstanding

    receipt = manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/kuitansi.pdf")
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert f"{total:,}".replace(",", ".") in _pdf_text(receipt.content)

    # The BAST of the 2-village invoice lists those two villages, not the three billed now,
    # for a period inside the contract.
    assert ops_client.post(f"/kabupaten/pajak/faktur/{invoice.pk}/bast/buat/").status_code == 302
    bast = _pdf_text(manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/bast.pdf").content)
    assert village.name in bast and village_b.name in bast
    assert "Desa Ketiga" not in bast
    contract.refresh_from_db()
    period = [d for d in _dates(bast) if d != timezone.localdate()]
    assert period and all(contract.starts_on <= d <= contract.ends_on for d in period), period

    # Operations cannot sign on the kabupaten's behalf; the manager can, and the
    # signed BAST names the signers.
    assert (
        ops_client.post(f"/kabupaten/pajak/faktur/{invoice.pk}/bast/tanda-tangan/").status_code
        == 403
    )
    manager_user = _user
    manager_user.first_name, manager_user.last_name = "Siti", "Rahmawati"
    manager_user.save()
    assert (
        manager.post(f"/kabupaten/pajak/faktur/{invoice.pk}/bast/tanda-tangan/").status_code == 302
    )
    signed = _pdf_text(manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/bast.pdf").content)
    assert "Siti Rahmawati" in signed
    assert (
        "Siti Rahmawati" in manager.get(f"/kabupaten/pajak/faktur/{invoice.pk}/").content.decode()
    )

    # No money figure is written with sen, the prorated draft included.
    for url in (f"/kabupaten/{contract.pk}/", f"/kabupaten/pajak/faktur/{draft.pk}/"):
        body = ops_client.get(url).content.decode()
        assert not re.search(r"Rp\s?-?[\d.]+,\d", body), url

    assert ops_client.get("/kabupaten/pajak/coretax/").status_code == 200


def test_coretax_page_opens_with_this_month_and_explains_bad_input(ops_client):
    today = timezone.localdate()
    first = ops_client.get("/kabupaten/pajak/coretax/")
    assert first.status_code == 200
    html = first.content.decode()
    assert f'value="{today.replace(day=1).isoformat()}"' in html
    assert f'value="{today.isoformat()}"' in html

    bad = ops_client.get("/kabupaten/pajak/coretax/?mulai=kemarin&sampai=")
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Masukkan tanggal yang valid." in text and "Enter a valid" not in text
    backwards = ops_client.get(
        f"/kabupaten/pajak/coretax/?mulai={today.isoformat()}&sampai={today.replace(year=today.year - 1).isoformat()}"
    )
    assert backwards.status_code == 400
    assert "Tanggal sampai tidak boleh sebelum tanggal mulai." in backwards.content.decode()


def test_a_prorated_invoice_bills_the_joining_village_in_whole_rupiah(
    contract, village, village_b, stripe_settings, stripe_clock
):
    from control_plane.billing.selectors import invoice_figures_get
    from control_plane.taxes.government import assessment_for

    _issued_two_village_invoice(contract, [village, village_b])
    # The village joins some days into the period (not in the same second the period
    # began, when the provider's share would be the whole price).
    stripe_clock.offset = _MID_TERM
    third = village_new(code="1801042032", name="Desa Susulan", slug="desa-susulan")
    billing.contract_sync_quantity(village=third, actor=Actor.named("onboarding"))
    draft = Invoice.objects.get(contract=contract, status="draft")
    assert draft.total % 100  # the provider prorates in sen
    figures = invoice_figures_get(invoice=draft)
    assert [v.name for v in figures.villages] == ["Desa Susulan"]
    assert figures.total_idr == (draft.total + 50) // 100

    issued = billing.invoice_finalize(invoice=draft, actor=OPS)
    assessment = assessment_for(issued)
    assert issued.total == assessment.total_idr * 100  # exactly fee + PPN, no sen
    assert any(line["description"] == "Pembulatan ke rupiah penuh" for line in issued.lines)
    assert invoice_figures_get(invoice=issued).quantity == 1

"""Invoicing a local government: tax lines, BAST sign-off, SP2D payments, receipts.

Extends billing through its two hooks (``FINALIZE_PREPARERS`` adds the PPN line and
freezes the taxes on a draft; ``FINALIZE_CHECKS`` blocks issuing without buyer data or
a required signed BAST). An SP2D transfer is credited to the invoice in billing's one
ledger (``billing.services.payment_record``) with the taxes its treasurer withheld, so
the invoice is paid when received + withheld covers the total. Every document here
reads status, totals, payments, villages and period from
``billing.selectors.invoice_figures_get``; the tax lines from the frozen assessment.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.numbers import percent_format
from balai_kernel.pdf import pdf_render
from balai_kernel.terbilang import terbilang_rupiah
from control_plane.billing.models import PaymentMethod
from control_plane.billing.selectors import InvoiceFigures, invoice_figures_get
from control_plane.taxes.calculation import format_rupiah, round_half_up
from control_plane.taxes.models import Bast, BuyerKind, BuyerTaxProfile, Sp2dPayment, TaxAssessment
from control_plane.taxes.selectors import invoice_ref_get, stamp_duty_on
from control_plane.taxes.services import tax_assess
from tenants.models import code_dotted

PPN_LINE_PREFIX = "PPN "
ROUNDING_LINE = "Pembulatan ke rupiah penuh"


class GovernmentInvoiceError(ValueError):
    """A step refused, with a message for the user (Indonesian)."""


def buyer_profile(contract: Any) -> BuyerTaxProfile:
    profile = BuyerTaxProfile.objects.filter(contract=contract).first()
    return profile or BuyerTaxProfile(
        contract=contract, buyer_kind=BuyerKind.GOVERNMENT, requires_bast=False
    )


def assessment_for(invoice: Any) -> TaxAssessment | None:
    return TaxAssessment.objects.filter(invoice_ref=invoice_ref_get(invoice)).first()


def _has_ppn_line(invoice: Any) -> bool:
    return any(
        str(line.get("description", "")).startswith(PPN_LINE_PREFIX) for line in invoice.lines or []
    )


def invoice_tax_prepare(*, invoice: Any, actor: Actor, gateway: Any) -> Any:
    """On a draft: freeze the taxes (rules in force today) and add the PPN line at the
    provider, so the invoice total includes PPN. Idempotent; issued invoices are left alone."""
    from control_plane.billing.services import invoice_mirror

    if invoice.status != "draft":
        return invoice
    profile = buyer_profile(invoice.contract)
    fee_idr = round_half_up(Fraction(invoice.subtotal, 100)) if not _has_ppn_line(invoice) else None
    existing = assessment_for(invoice)
    if existing is None and fee_idr is None:
        raise GovernmentInvoiceError(_("Baris PPN ada tanpa perhitungan pajak; periksa faktur."))
    assessment = existing or tax_assess(
        invoice_ref=invoice_ref_get(invoice),
        fee_idr=fee_idr,
        buyer_kind=profile.buyer_kind,
        on=timezone.localdate(),
    )
    provider = None
    if invoice.subtotal % 100 and not _has_ppn_line(invoice):
        # Prorations come in sen; the invoice is issued in whole rupiah (the fee the
        # taxes were computed on), so its total is exactly fee + PPN.
        provider = gateway.invoice_item_add(
            customer_id=invoice.contract.stripe_customer_id,
            invoice_id=invoice.stripe_invoice_id,
            amount=assessment.fee_idr * 100 - invoice.subtotal,
            description=ROUNDING_LINE,
            key=f"invoice-{invoice.pk}-rounding-{assessment.pk}",
        )
    if not _has_ppn_line(invoice) and assessment.ppn_idr:
        provider = gateway.invoice_item_add(
            customer_id=invoice.contract.stripe_customer_id,
            invoice_id=invoice.stripe_invoice_id,
            amount=assessment.ppn_idr * 100,
            description=f"{PPN_LINE_PREFIX}{percent_format(assessment.ppn_rate_percent, digits=0)}"
            f" × DPP {format_rupiah(assessment.dpp_idr)}",
            key=f"invoice-{invoice.pk}-ppn-{assessment.pk}",
        )
    provider = gateway.invoice_metadata_update(
        invoice_id=invoice.stripe_invoice_id,
        metadata={
            "dpp_idr": str(assessment.dpp_idr),
            "ppn_idr": str(assessment.ppn_idr),
            "pph23_idr": str(assessment.pph23_idr),
            "net_transfer_idr": str(assessment.net_transfer_idr),
            "kode_transaksi": assessment.trx_code,
        },
    )
    return invoice_mirror(provider=provider, actor=actor, contract=invoice.contract) or invoice


def government_invoice_problems(invoice: Any) -> list[str]:
    """What blocks issuing: buyer data for the tax invoice, frozen taxes, a signed BAST."""
    contract = invoice.contract
    profile = buyer_profile(contract)
    problems = []
    if not (contract.npwp.isdigit() and len(contract.npwp) == 16):
        problems.append(_("NPWP pembeli (16 digit) belum diisi pada kontrak."))
    if not (profile.nitku_branch.isdigit() and len(profile.nitku_branch) == 6):
        problems.append(_("Kode NITKU pembeli harus 6 digit (000000 untuk kantor pusat)."))
    if not contract.billing_name or not contract.billing_address:
        problems.append(_("Nama dan alamat pembeli untuk faktur pajak belum lengkap."))
    assessment = assessment_for(invoice)
    if assessment is None:
        problems.append(_("Pajak faktur belum dihitung."))
    elif invoice.total != assessment.total_idr * 100:
        problems.append(_("Total faktur tidak sama dengan DPP + PPN yang dihitung."))
    if profile.requires_bast:
        bast = Bast.objects.filter(invoice=invoice).first()
        if bast is None or not bast.is_signed:
            problems.append(_("BAST untuk periode ini belum ditandatangani pengelola kontrak."))
    return problems


def _pdf(template: str, context: dict[str, Any]) -> bytes:
    """Legal documents for a government buyer (BAST, kuitansi) are always Indonesian,
    whatever language the staff member's screen uses. Rendered by the project's one
    PDF entry point (no file or network access from the document)."""
    with translation.override("id"):
        html = render_to_string(template, context)
    return pdf_render(html)


def _signer_name(actor: Actor) -> str:
    user = actor.user
    full = user.get_full_name().strip() if user is not None else ""
    return full or str(actor)


def _bast_pdf(bast: Bast, invoice: Any) -> bytes:
    return _pdf(
        "taxes/bast_pdf.html",
        {
            "contract": invoice.contract,
            "invoice": invoice,
            "bast": bast,
            "villages": bast.villages,
            "number": bast.number,
            "today": timezone.localtime(bast.generated_at).date()
            if bast.generated_at
            else timezone.localdate(),
            "period_start": bast.period_start,
            "period_end": bast.period_end,
        },
    )


@transaction.atomic
def bast_generate(*, invoice: Any, actor: Actor) -> Bast:
    """The handover record of the villages this invoice bills, for its service period
    within the contract (both from ``invoice_figures_get``), issued and signed for the
    provider by ``actor``. Idempotent until the kabupaten has signed."""
    existing = Bast.objects.select_for_update().filter(invoice=invoice).first()
    if existing is not None and existing.is_signed:
        return existing
    figures = invoice_figures_get(invoice=invoice)
    if figures.status == "void":
        raise GovernmentInvoiceError(_("Faktur yang dibatalkan tidak memerlukan BAST."))
    if not figures.villages:
        raise GovernmentInvoiceError(_("Faktur ini tidak mencatat desa yang ditagih."))
    if figures.period_start is None:
        raise GovernmentInvoiceError(_("Periode layanan faktur ini di luar masa kontrak."))
    contract = invoice.contract
    bast = existing or Bast(invoice=invoice)
    bast.number = f"BAST/{contract.number}/{invoice.pk:05d}"
    bast.villages = [{"code": code_dotted(v.code), "name": v.name} for v in figures.villages]
    bast.period_start, bast.period_end = figures.period_start, figures.period_end
    bast.provider_name = _signer_name(actor)
    bast.generated_at = timezone.now()
    bast.pdf = _bast_pdf(bast, invoice)
    bast.save()
    return bast


def bast_signer_allowed(*, user: Any, contract: Any) -> bool:
    """Only the kabupaten's own signer signs its side of a BAST: a contract manager of
    the contract's kabupaten. Operations issue the BAST for the provider and may not
    sign for the kabupaten."""
    from control_plane.accounts.permissions import can_see_kabupaten, staff_role

    return staff_role(user) == "contract_manager" and can_see_kabupaten(
        user, contract.kabupaten_code
    )


@transaction.atomic
def bast_sign(*, bast: Bast, actor: Actor) -> Bast:
    """The contract manager of the invoice's kabupaten signs the BAST (anyone else:
    ``PermissionDenied``). The signer's name and time are recorded and the document is
    rendered again with them."""
    bast = Bast.objects.select_for_update().select_related("invoice__contract").get(pk=bast.pk)
    if not bast_signer_allowed(user=actor.user, contract=bast.invoice.contract):
        raise PermissionDenied
    if not bast.is_signed:
        bast.signed_by = str(actor)
        bast.signed_by_name = _signer_name(actor)
        bast.signed_at = timezone.now()
        bast.pdf = _bast_pdf(bast, bast.invoice)
        bast.save(update_fields=["signed_by", "signed_by_name", "signed_at", "pdf"])
    return bast


def sp2d_payment_record(
    *,
    invoice: Any,
    sp2d_number: str,
    sp2d_date: dt.date,
    received_idr: int,
    actor: Actor,
    pph23_withheld_idr: int = 0,
    pph23_slip_number: str = "",
    ppn_withheld_idr: int = 0,
    ppn_slip_number: str = "",
) -> tuple[Sp2dPayment, InvoiceFigures]:
    """Record an SP2D transfer and its withholding slips. It is credited to the invoice
    (received + withheld) in billing's ledger, which marks the invoice paid (and tells
    the provider ``paid_out_of_band``) once the credits cover the total; a shortfall or
    an overpayment stays visible, never rounded away."""
    from control_plane.billing import services as billing

    sp2d_number = sp2d_number.strip()
    problems = []
    if not sp2d_number:
        problems.append(_("Nomor SP2D wajib diisi."))
    if received_idr <= 0:
        problems.append(_("Jumlah diterima harus lebih dari nol."))
    if pph23_withheld_idr and not pph23_slip_number.strip():
        problems.append(_("PPh 23 yang dipotong wajib disertai nomor bukti potong."))
    if ppn_withheld_idr and not ppn_slip_number.strip():
        problems.append(_("PPN yang dipungut wajib disertai NTPN/bukti pungut."))
    if invoice.status not in ("open", "uncollectible"):
        problems.append(_("Faktur ini tidak sedang menunggu pembayaran."))
    if assessment_for(invoice) is None:
        problems.append(_("Faktur ini belum memiliki perhitungan pajak."))
    if Sp2dPayment.objects.filter(invoice=invoice, sp2d_number=sp2d_number).exists():
        problems.append(_("SP2D ini sudah dicatat untuk faktur ini."))
    if problems:
        raise GovernmentInvoiceError(" ".join(problems))
    withheld = pph23_withheld_idr + ppn_withheld_idr
    with transaction.atomic():
        # Billing locks the contract, then the invoice (its lock order), before any row
        # here refers to the invoice.
        payment = billing.payment_record(
            invoice=invoice,
            amount=(received_idr + withheld) * 100,
            withheld=withheld * 100,
            method=PaymentMethod.SP2D,
            received_on=sp2d_date,
            reference=sp2d_number,
            actor=actor,
            note=_("SP2D %(sp2d)s: diterima %(rec)s, dipotong/dipungut %(wh)s")
            % {
                "sp2d": sp2d_number,
                "rec": format_rupiah(received_idr),
                "wh": format_rupiah(withheld),
            },
        )
        sp2d = Sp2dPayment.objects.create(
            invoice=invoice,
            payment=payment,
            sp2d_number=sp2d_number,
            sp2d_date=sp2d_date,
            received_idr=received_idr,
            pph23_withheld_idr=pph23_withheld_idr,
            pph23_slip_number=pph23_slip_number.strip(),
            ppn_withheld_idr=ppn_withheld_idr,
            ppn_slip_number=ppn_slip_number.strip(),
            recorded_by=str(actor),
        )
        invoice.refresh_from_db()
        figures = invoice_figures_get(invoice=invoice)
        if figures.is_paid:
            from control_plane.billing.gateway import gateway_get

            gateway_get().invoice_metadata_update(
                invoice_id=invoice.stripe_invoice_id,
                metadata={
                    "diterima_idr": str(figures.received_idr),
                    "dipotong_idr": str(figures.withheld_idr),
                    "sp2d": ",".join(
                        Sp2dPayment.objects.filter(invoice=invoice).values_list(
                            "sp2d_number", flat=True
                        )
                    ),
                },
            )
    return sp2d, figures


def kuitansi_pdf(*, invoice: Any) -> bytes:
    """Receipt for a paid invoice (however it was paid): amount in words, the payments
    that paid it, an e-meterai box above the threshold."""
    figures = invoice_figures_get(invoice=invoice)
    if not figures.is_paid:
        raise GovernmentInvoiceError(_("Kuitansi hanya untuk faktur yang sudah lunas."))
    amount = figures.total_idr
    return _pdf(
        "taxes/kuitansi_pdf.html",
        {
            "invoice": invoice,
            "figures": figures,
            "contract": invoice.contract,
            "amount": format_rupiah(amount),
            "words": terbilang_rupiah(amount),
            "stamp_duty": stamp_duty_on(timezone.localdate(), amount),
            "payments": figures.payments,
            "today": timezone.localdate(),
            "seller": getattr(settings, "BALAI_SELLER_NAME", "Balai"),
        },
    )


def coretax_for_period(*, start: dt.date, end: dt.date) -> bytes:
    """The Coretax import file for the invoices issued in a period (validated)."""
    from control_plane.billing.models import Invoice
    from control_plane.billing.selectors import invoice_figures_list
    from control_plane.taxes.coretax import CoretaxInvoice, CoretaxLine, coretax_xml

    invoices = []
    qs = Invoice.objects.filter(
        finalized_at__date__gte=start, finalized_at__date__lte=end
    ).order_by("finalized_at", "pk")
    for inv, figures in invoice_figures_list(invoices=qs):
        a = assessment_for(inv)
        if a is None or not figures.is_issued:
            continue
        contract = inv.contract
        profile = buyer_profile(contract)
        line = CoretaxLine(
            name=f"Layanan Sistem Informasi Desa Balai, {figures.quantity} desa",
            price=a.fee_idr,
            qty=1,
            tax_base=a.fee_idr,
            other_tax_base=a.dpp_idr,
            vat_rate=a.ppn_rate_percent,
            vat=a.ppn_idr,
        )
        invoices.append(
            CoretaxInvoice(
                invoice_date=timezone.localtime(inv.finalized_at).date(),
                trx_code=a.trx_code,
                ref=inv.number or invoice_ref_get(inv),
                buyer_tin=contract.npwp,
                buyer_branch=profile.nitku_branch,
                buyer_name=contract.billing_name,
                buyer_address=contract.billing_address,
                buyer_email=contract.billing_email,
                custom_doc=contract.number,
                lines=[line],
            )
        )
    return coretax_xml(seller_tin=settings.BALAI_SELLER_NPWP, invoices=invoices)

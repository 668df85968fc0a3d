"""Contract-manager and finance pages for government invoices (control plane)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.numbers import rupiah
from control_plane.accounts.navigation import OPERASI, menu_entry
from control_plane.accounts.permissions import (
    can_see_kabupaten,
    managed_kabupaten_codes,
    manager_or_ops_required,
    ops_required,
)
from control_plane.billing.gateway import GatewayError
from control_plane.billing.models import Invoice
from control_plane.billing.selectors import invoice_figures_get
from control_plane.billing.services import BillingError
from control_plane.contracts.models import Contract
from control_plane.taxes import government as gov
from control_plane.taxes.coretax import CoretaxExportError
from control_plane.taxes.forms import CoretaxForm, Sp2dForm
from control_plane.taxes.models import Bast, Sp2dPayment
from control_plane.taxes.selectors import contract_year_statement_get


def _invoice_for(request: HttpRequest, pk: int) -> Invoice:
    invoice = get_object_or_404(Invoice.objects.select_related("contract"), pk=pk)
    if not can_see_kabupaten(request.user, invoice.contract.kabupaten_code):
        raise Http404
    return invoice


def _faktur_context(request: HttpRequest, invoice: Invoice, form: Sp2dForm) -> dict:
    bast = Bast.objects.filter(invoice=invoice).defer("pdf").first()
    figures = invoice_figures_get(invoice=invoice)
    slips = {
        p.payment_id: p for p in Sp2dPayment.objects.filter(invoice=invoice, payment__isnull=False)
    }
    return {
        "invoice": invoice,
        "figures": figures,
        "payment_rows": [(p, slips.get(p.payment_id)) for p in figures.payments],
        "assessment": gov.assessment_for(invoice),
        "bast": bast,
        "can_sign_bast": gov.bast_signer_allowed(user=request.user, contract=invoice.contract),
        "is_ops": managed_kabupaten_codes(request.user) is None,
        "profile": gov.buyer_profile(invoice.contract),
        "form": form,
    }


@manager_or_ops_required
def faktur(request: HttpRequest, pk: int) -> HttpResponse:
    """Status, gross, taxes, expected net, payments, what is owed and the BAST of one
    invoice (every figure from ``invoice_figures_get`` or the frozen assessment)."""
    invoice = _invoice_for(request, pk)
    return render(request, "taxes/faktur.html", _faktur_context(request, invoice, Sp2dForm()))


@require_POST
@ops_required
def bast_buat(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        gov.bast_generate(invoice=_invoice_for(request, pk), actor=actor_from_request(request))
    except gov.GovernmentInvoiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("BAST dibuat dan menunggu tanda tangan pengelola kontrak."))
    return redirect("taxes:faktur", pk=pk)


@require_POST
@manager_or_ops_required
def bast_tanda_tangan(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the kabupaten's contract manager signs its side (operations: 403)."""
    invoice = _invoice_for(request, pk)
    bast = get_object_or_404(Bast, invoice=invoice)
    gov.bast_sign(bast=bast, actor=actor_from_request(request))
    messages.success(request, _("BAST telah ditandatangani."))
    return redirect("taxes:faktur", pk=pk)


@manager_or_ops_required
def bast_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    bast = get_object_or_404(Bast, invoice=_invoice_for(request, pk))
    response = HttpResponse(bytes(bast.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bast-{pk}.pdf"'
    return response


@manager_or_ops_required
def kuitansi(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice_for(request, pk)
    try:
        pdf = gov.kuitansi_pdf(invoice=invoice)
    except gov.GovernmentInvoiceError as exc:
        messages.error(request, str(exc))
        return redirect("taxes:faktur", pk=pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kuitansi-{pk}.pdf"'
    return response


@require_POST
@ops_required
def sp2d(request: HttpRequest, pk: int) -> HttpResponse:
    """Finance records an SP2D transfer with its withholding slips."""
    invoice = _invoice_for(request, pk)
    form = Sp2dForm(request.POST)
    if form.is_valid():
        try:
            _payment, figures = gov.sp2d_payment_record(
                invoice=invoice, actor=actor_from_request(request), **form.cleaned_data
            )
        except (gov.GovernmentInvoiceError, BillingError, GatewayError) as exc:
            form.add_error(None, str(exc))
        else:
            if figures.is_paid:
                messages.success(request, _("Pembayaran tercatat; faktur lunas."))
            else:
                messages.warning(
                    request,
                    _("Pembayaran tercatat; masih kurang %(amount)s")
                    % {"amount": rupiah(figures.outstanding_idr)},
                )
            return redirect("taxes:faktur", pk=pk)
    invoice.refresh_from_db()
    return render(request, "taxes/faktur.html", _faktur_context(request, invoice, form), status=400)


@manager_or_ops_required
def laporan_tahunan(request: HttpRequest, contract_pk: int, year: int) -> HttpResponse:
    """Yearly statement for the kabupaten's budget report."""
    contract = get_object_or_404(Contract, pk=contract_pk)
    if not can_see_kabupaten(request.user, contract.kabupaten_code):
        raise Http404
    return render(
        request,
        "taxes/laporan.html",
        {"contract": contract, **contract_year_statement_get(contract=contract, year=year)},
    )


@menu_entry(pgettext_lazy("menu", "Ekspor Coretax"), group=OPERASI, order=50)
@ops_required
def coretax(request: HttpRequest) -> HttpResponse:
    """The Coretax import file of a period (validated before download). The first visit
    shows the form with this month filled in; a bad period is answered with the form
    and its errors (400)."""
    if not request.GET:
        form = CoretaxForm(initial=CoretaxForm.initial_period())
        return render(request, "taxes/coretax.html", {"form": form})
    form = CoretaxForm(request.GET)
    if not form.is_valid():
        return render(request, "taxes/coretax.html", {"form": form}, status=400)
    start, end = form.cleaned_data["mulai"], form.cleaned_data["sampai"]
    try:
        data = gov.coretax_for_period(start=start, end=end)
    except CoretaxExportError as exc:
        form.add_error(None, str(exc))
        return render(request, "taxes/coretax.html", {"form": form}, status=400)
    response = HttpResponse(data, content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="faktur-pajak-{start:%Y%m%d}-{end:%Y%m%d}.xml"'
    )
    return response

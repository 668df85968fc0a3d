"""Contract-manager and finance pages for government invoices (control plane)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.numbers import number_format
from control_plane.accounts.navigation import OPERASI, menu_entry
from control_plane.accounts.permissions import (
    can_see_kabupaten,
    manager_or_ops_required,
    ops_required,
)
from control_plane.billing.models import Invoice
from control_plane.contracts.models import Contract
from control_plane.taxes import government as gov
from control_plane.taxes.coretax import CoretaxExportError
from control_plane.taxes.forms import Sp2dForm
from control_plane.taxes.models import Bast, Sp2dPayment
from control_plane.taxes.selectors import contract_year_statement


def _invoice_for(request: HttpRequest, pk: int) -> Invoice:
    invoice = get_object_or_404(Invoice.objects.select_related("contract"), pk=pk)
    if not can_see_kabupaten(request.user, invoice.contract.kabupaten_code):
        raise Http404
    return invoice


@manager_or_ops_required
def faktur(request: HttpRequest, pk: int) -> HttpResponse:
    """Gross, taxes, expected net, BAST status and SP2D payments of one invoice."""
    invoice = _invoice_for(request, pk)
    context = {
        "invoice": invoice,
        "assessment": gov.assessment_for(invoice),
        "settlement": gov.invoice_settlement(invoice),
        "bast": Bast.objects.filter(invoice=invoice)
        .only("number", "signed_at", "signed_by")
        .first(),
        "profile": gov.buyer_profile(invoice.contract),
        "payments": Sp2dPayment.objects.filter(invoice=invoice),
        "form": Sp2dForm(),
    }
    return render(request, "taxes/faktur.html", context)


@require_POST
@ops_required
def bast_buat(request: HttpRequest, pk: int) -> HttpResponse:
    gov.bast_generate(invoice=_invoice_for(request, pk), actor=actor_from_request(request))
    messages.success(request, _("BAST dibuat dan menunggu tanda tangan pengelola kontrak."))
    return redirect("taxes:faktur", pk=pk)


@require_POST
@manager_or_ops_required
def bast_tanda_tangan(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice_for(request, pk)
    bast = get_object_or_404(Bast, invoice=invoice)
    gov.bast_sign(bast=bast, user=request.user)
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
            _payment, settlement = gov.sp2d_payment_record(
                invoice=invoice, actor=actor_from_request(request), **form.cleaned_data
            )
        except gov.GovernmentInvoiceError as exc:
            form.add_error(None, str(exc))
        else:
            if settlement.settled:
                messages.success(request, _("Pembayaran tercatat; faktur lunas."))
            else:
                messages.warning(
                    request,
                    _("Pembayaran tercatat; masih kurang Rp %(amount)s")
                    % {"amount": number_format(settlement.difference_idr)},
                )
            return redirect("taxes:faktur", pk=pk)
    context = {
        "invoice": invoice,
        "assessment": gov.assessment_for(invoice),
        "settlement": gov.invoice_settlement(invoice),
        "bast": Bast.objects.filter(invoice=invoice).first(),
        "profile": gov.buyer_profile(invoice.contract),
        "payments": Sp2dPayment.objects.filter(invoice=invoice),
        "form": form,
    }
    return render(request, "taxes/faktur.html", context, status=400)


@manager_or_ops_required
def laporan_tahunan(request: HttpRequest, contract_pk: int, year: int) -> HttpResponse:
    """Yearly statement for the kabupaten's budget report."""
    contract = get_object_or_404(Contract, pk=contract_pk)
    if not can_see_kabupaten(request.user, contract.kabupaten_code):
        raise Http404
    return render(
        request,
        "taxes/laporan.html",
        {"contract": contract, **contract_year_statement(contract=contract, year=year)},
    )


@menu_entry(pgettext_lazy("menu", "Ekspor Coretax"), group=OPERASI, order=50)
@ops_required
def coretax(request: HttpRequest) -> HttpResponse:
    """Download the Coretax import file of a period (validated before download)."""
    try:
        start = dt.date.fromisoformat(request.GET.get("mulai", ""))
        end = dt.date.fromisoformat(request.GET.get("sampai", ""))
    except ValueError:
        return render(
            request,
            "taxes/coretax.html",
            {"error": _("Isi tanggal mulai dan sampai (TTTT-BB-HH).")},
            status=400,
        )
    try:
        data = gov.coretax_for_period(start=start, end=end)
    except CoretaxExportError as exc:
        return render(request, "taxes/coretax.html", {"error": str(exc)}, status=400)
    response = HttpResponse(data, content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="faktur-pajak-{start:%Y%m%d}-{end:%Y%m%d}.xml"'
    )
    return response

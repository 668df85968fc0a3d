"""Billing views: the provider webhook, billing health, invoice actions and the
modules of each plan (ops)."""

from __future__ import annotations

import stripe
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.audience import PUBLIC, open_to
from control_plane.accounts.navigation import OPERASI, menu_entry
from control_plane.accounts.permissions import ops_required
from control_plane.billing import selectors, services
from control_plane.billing.forms import PaymentForm, PlanModulesForm
from control_plane.billing.gateway import GatewayError, billing_enabled
from control_plane.billing.models import Invoice, Plan


@open_to(PUBLIC)
@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Signed provider events. Forged or malformed → 400 and nothing happens. Without
    a configured provider and signing secret → 503 (the provider retries later),
    never a traceback."""
    if not billing_enabled() or not settings.STRIPE_WEBHOOK_SECRET:
        return HttpResponse(
            "billing is not configured",
            status=503,
            content_type="text/plain",
            headers={"Retry-After": "3600"},
        )
    try:
        result = services.webhook_event_process(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except (stripe.SignatureVerificationError, ValueError, KeyError):
        return HttpResponseBadRequest("invalid signature or payload")
    return HttpResponse(result.outcome, content_type="text/plain")


@menu_entry(pgettext_lazy("menu", "Kesehatan penagihan"), group=OPERASI, order=30)
@ops_required
def health(request: HttpRequest) -> HttpResponse:
    return render(request, "billing/health.html", selectors.billing_health())


@ops_required
@require_POST
def invoice_finalize(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(Invoice.objects.select_related("contract"), pk=pk)
    try:
        services.invoice_finalize(invoice=invoice, actor=actor_from_request(request))
        messages.success(request, _("Faktur diterbitkan dan dikirim."))
    except (services.BillingError, GatewayError) as exc:
        messages.error(request, str(exc))
    return redirect("contracts:detail", pk=invoice.contract_id)


@ops_required
def payment_record(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(Invoice.objects.select_related("contract"), pk=pk)
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_record(
                invoice=invoice, actor=actor_from_request(request), **form.service_kwargs()
            )
            messages.success(request, _("Pembayaran dicatat."))
            return redirect("contracts:detail", pk=invoice.contract_id)
        except (services.BillingError, GatewayError) as exc:
            form.add_error(None, str(exc))
    figures = selectors.invoice_figures_get(invoice=invoice)
    return render(
        request,
        "billing/payment_form.html",
        {"form": form, "invoice": invoice, "figures": figures},
    )


@menu_entry(pgettext_lazy("menu", "Paket dan modul"), group=OPERASI, order=40)
@ops_required
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "billing/plan_list.html", {"plans": selectors.plans_with_modules()})


@ops_required
def plan_modules(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    form = PlanModulesForm(
        request.POST or None, initial={"modules": selectors.plan_switchable_codes(plan=plan)}
    )
    if request.method == "POST" and form.is_valid():
        services.plan_modules_change(
            plan=plan, actor=actor_from_request(request), **form.service_kwargs()
        )
        messages.success(request, _("Modul paket disimpan dan diterapkan ke desa-desanya."))
        return redirect("billing:plans")
    return render(request, "billing/plan_form.html", {"form": form, "plan": plan})

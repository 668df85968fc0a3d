"""Contract-manager portal (/kabupaten/) and the operations pages for contracts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from balai_kernel.actor import actor_from_request
from balai_kernel.numbers import rupiah_from_sen
from balai_kernel.pagination import page_get
from control_plane.accounts.models import StaffRole
from control_plane.accounts.navigation import KABUPATEN, menu_entry
from control_plane.accounts.permissions import (
    managed_kabupaten_codes,
    manager_or_ops_required,
    ops_required,
    staff_required,
    staff_role,
)
from control_plane.billing import selectors, services
from control_plane.billing.forms_contracts import ContractForm
from control_plane.contracts.models import Contract
from tenants.models import Village


@menu_entry(pgettext_lazy("menu", "Kontrak dan tagihan"), group=KABUPATEN, order=10)
@staff_required(StaffRole.OPS, StaffRole.CONTRACT_MANAGER, StaffRole.PROVINCE_OFFICIAL)
def contract_list(request: HttpRequest) -> HttpResponse:
    """The contracts of the user's region; a province official reads the list only
    (the contract pages hold invoices and sign-ups, the managers' business)."""
    query = request.GET.get("q", "").strip()
    contracts = selectors.contracts_visible(user=request.user, query=query)
    page = page_get(request, contracts, per_page=25)
    context = {
        "page": page,
        "q": query,
        "is_ops": managed_kabupaten_codes(request.user) is None,
        "read_only": staff_role(request.user) == StaffRole.PROVINCE_OFFICIAL,
    }
    return render(request, "contracts/list.html", context)


@manager_or_ops_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(selectors.contracts_visible(user=request.user), pk=pk)
    invoices = page_get(request, selectors.contract_invoices(contract=contract), per_page=20)
    preview = (
        services.contract_invoice_preview(contract=contract)
        if request.GET.get("pratinjau")
        else None
    )
    context = {
        "contract": contract,
        "seats": selectors.contract_seat_summary(contract=contract),
        "villages": selectors.contract_billed_villages(contract=contract),
        "unbilled": selectors.contract_unbilled_villages(contract=contract),
        "pending": selectors.contract_pending_signups(contract=contract),
        "invoices": invoices,
        "invoice_rows": selectors.invoice_figures_list(invoices=invoices.object_list),
        "price_per_village": rupiah_from_sen(contract.price_per_village),
        "billing_ends_at": selectors.contract_billing_end_get(contract=contract)
        if contract.stripe_subscription_id
        else None,
        "preview": preview,
        "preview_total": rupiah_from_sen(preview.total) if preview else None,
        "this_year": timezone.localdate().year,
        "is_ops": managed_kabupaten_codes(request.user) is None,
        "modules": selectors.plan_module_rows(plan=contract.plan),
    }
    return render(request, "contracts/detail.html", context)


@ops_required
def contract_create(request: HttpRequest) -> HttpResponse:
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contract = services.contract_create(
            actor=actor_from_request(request), **form.service_kwargs()
        )
        messages.success(request, _("Kontrak disimpan."))
        return redirect("contracts:detail", pk=contract.pk)
    return render(request, "contracts/form.html", {"form": form})


@ops_required
def contract_amend(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=pk)
    form = ContractForm(request.POST or None, instance=contract)
    if request.method == "POST" and form.is_valid():
        changes = form.service_kwargs()
        changes.pop("kabupaten_code", None)
        try:
            services.contract_amend(contract=contract, actor=actor_from_request(request), **changes)
        except ValidationError as exc:
            form.add_error(None, exc)
        except services.GatewayError as exc:
            # The amendment is saved; the nightly reconciliation aligns the provider.
            messages.warning(
                request,
                _(
                    "Perubahan kontrak disimpan, tetapi penyedia pembayaran menolaknya "
                    "(%(error)s); rekonsiliasi malam akan menyelaraskannya."
                )
                % {"error": exc},
            )
            return redirect("contracts:detail", pk=pk)
        else:
            messages.success(request, _("Perubahan kontrak disimpan."))
            return redirect("contracts:detail", pk=pk)
    return render(request, "contracts/form.html", {"form": form, "contract": contract})


@ops_required
@require_POST
def contract_billing_start(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract, pk=pk)
    try:
        services.contract_billing_start(contract=contract, actor=actor_from_request(request))
        messages.success(request, _("Langganan dibuat; faktur pertama menunggu diterbitkan."))
    except services.BillingError as exc:
        messages.error(request, str(exc))
    except services.GatewayError as exc:
        messages.error(request, _("Penyedia pembayaran menolak: %(error)s") % {"error": exc})
    return redirect("contracts:detail", pk=pk)


@ops_required
@require_POST
def contract_seat_release(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The contract stops paying for a village; it keeps running with no plan limits."""
    contract = get_object_or_404(Contract, pk=pk)
    village = get_object_or_404(Village, slug=slug, contract_seat__contract=contract)
    try:
        services.contract_seat_release(village=village, actor=actor_from_request(request))
        messages.success(
            request, _("%(village)s dilepaskan dari kontrak.") % {"village": village.name}
        )
    except services.GatewayError as exc:
        # The seat is released already; the nightly reconciliation fixes the quantity.
        messages.warning(
            request,
            _(
                "%(village)s dilepaskan, tetapi penyedia pembayaran menolak perubahan "
                "jumlah desa (%(error)s); rekonsiliasi malam akan menyelaraskannya."
            )
            % {"village": village.name, "error": exc},
        )
    return redirect("contracts:detail", pk=pk)

"""Billing reads: who is billed, what is owed, how healthy the provider link is."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from balai_kernel.numbers import number_format
from control_plane.accounts.permissions import managed_kabupaten_codes
from control_plane.billing.models import (
    BillingEvent,
    Invoice,
    InvoiceStatus,
    Plan,
    WebhookEvent,
    WebhookFailure,
)
from control_plane.contracts.models import Contract
from tenants.choices import VillageStatus
from tenants.models import Village
from tenants.modules import MODULES, VillageModule, module_codes_normalize

# Hosted villages count; archived ones (and pending/failed sign-ups) do not.
BILLED_STATUSES = (VillageStatus.ACTIVE, VillageStatus.SUSPENDED)
UNPAID_STATUSES = (InvoiceStatus.OPEN, InvoiceStatus.UNCOLLECTIBLE)


def contract_billed_villages(*, contract: Contract) -> QuerySet[Village]:
    """Villages the contract pays for: attached by the contract, still hosted."""
    return Village.objects.filter(
        contract_seat__contract=contract, status__in=BILLED_STATUSES
    ).order_by("name")


def contract_billed_count(*, contract: Contract) -> int:
    return contract_billed_villages(contract=contract).count()


def contract_unbilled_villages(*, contract: Contract) -> QuerySet[Village]:
    """Hosted villages of the kabupaten that no contract pays for (approved by
    operations outside any contract)."""
    return Village.objects.filter(
        kabupaten_code=contract.kabupaten_code,
        status__in=BILLED_STATUSES,
        contract_seat__isnull=True,
    ).order_by("name")


def contract_pending_signups(*, contract: Contract) -> QuerySet[Any]:
    """Verified sign-ups of the kabupaten waiting for approval (onboarding's data)."""
    from control_plane.onboarding.choices import SignupStatus
    from control_plane.onboarding.models import Signup

    return Signup.objects.filter(
        kabupaten_code=contract.kabupaten_code, status=SignupStatus.PENDING
    ).order_by("verified_at", "id")


def contract_for_village(*, village: Village, on: dt.date | None = None) -> Contract | None:
    """The contract in force for the village's kabupaten on ``on`` (today)."""
    from django.utils import timezone

    on = on or timezone.localdate()
    return (
        Contract.objects.filter(
            kabupaten_code=village.kabupaten_code,
            status="active",
            starts_on__lte=on,
            ends_on__gte=on,
        )
        .order_by("-starts_on")
        .first()
    )


def contracts_visible(*, user: Any, query: str = "") -> QuerySet[Contract]:
    """Contracts a control-plane user may see (operations: all), optionally searched
    by kabupaten name or contract number."""
    codes = managed_kabupaten_codes(user)
    qs = (
        Contract.objects.select_related("plan")
        .annotate(seats_used=Count("seats", filter=Q(seats__village__status__in=BILLED_STATUSES)))
        .order_by("kabupaten_code", "-starts_on", "-id")
    )
    if query:
        qs = qs.filter(Q(kabupaten_name__icontains=query) | Q(number__icontains=query))
    return qs if codes is None else qs.filter(kabupaten_code__in=codes)


def contract_invoices(*, contract: Contract) -> QuerySet[Invoice]:
    return Invoice.objects.filter(contract=contract).order_by("-created_at", "-id")


def contract_seat_summary(*, contract: Contract) -> dict[str, int | None]:
    used = contract_billed_count(contract=contract)
    free = None if contract.seat_limit is None else max(contract.seat_limit - used, 0)
    return {"used": used, "limit": contract.seat_limit, "free": free}


def invoices_overdue(*, now: dt.datetime) -> QuerySet[Invoice]:
    return Invoice.objects.filter(status__in=UNPAID_STATUSES, due_date__lt=now).select_related(
        "contract"
    )


def billing_health(*, limit: int = 20) -> dict[str, Any]:
    """What operations watch: failed webhook deliveries, drift repaired by the nightly
    reconciliation, contracts whose billed quantity differs from hosted villages."""
    contracts = list(
        Contract.objects.exclude(stripe_subscription_id="").annotate(
            hosted=Count("seats", filter=Q(seats__village__status__in=BILLED_STATUSES))
        )
    )
    return {
        "failures": list(WebhookFailure.objects.all()[:limit]),
        "drift": list(
            BillingEvent.objects.filter(action="drift_repaired").select_related("contract")[:limit]
        ),
        "quantity_mismatch": [c for c in contracts if c.hosted != c.billed_quantity],
        "events_processed": WebhookEvent.objects.count(),
        "last_event": WebhookEvent.objects.first(),
    }


def rupiah(minor_units: int) -> str:
    """Format IDR minor units (sen) as Indonesians write it: ``Rp 1.500.000``."""
    sign = "-" if minor_units < 0 else ""
    rupiah_part, sen = divmod(abs(int(minor_units)), 100)
    text = number_format(rupiah_part)
    return f"{sign}Rp {text}" + (f",{sen:02d}" if sen else "")


def village_plan_modules(*, village: Village) -> list[str] | None:
    """Village modules the village's contract plan includes, as the plan lists them;
    ``None`` = no plan limits (not under a contract, or the plan lists no modules).
    Requests do not read this: ``services.contract_modules_sync`` copies the switchable
    codes onto ``Village.modules``, which travels with the routing cache."""
    seat = (
        Village.objects.filter(pk=village.pk)
        .values_list("contract_seat__contract__plan__modules", flat=True)
        .first()
    )
    return list(seat) if seat else None


def plan_switchable_codes(*, plan: Plan | None) -> list[str] | None:
    """The switchable modules ``plan`` includes; ``None`` = no limits."""
    return module_codes_normalize(plan.modules if plan is not None else None)


def plan_module_rows(*, plan: Plan | None) -> list[tuple[VillageModule, bool]]:
    """Every module of the catalogue with whether ``plan`` includes it (core: always)."""
    enabled = plan_switchable_codes(plan=plan)
    return [(m, not m.switchable or enabled is None or m.code in enabled) for m in MODULES]


def plans_with_modules() -> list[dict[str, Any]]:
    """Plans for the ops page: module rows and how many contracts use each."""
    plans = Plan.objects.annotate(contract_count=Count("contracts")).order_by("name")
    return [
        {
            "plan": p,
            "rows": plan_module_rows(plan=p),
            "unlimited": plan_switchable_codes(plan=p) is None,
        }
        for p in plans
    ]

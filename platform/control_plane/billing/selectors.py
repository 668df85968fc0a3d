"""Billing reads: who is billed, what is owed, how healthy the provider link is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from balai_kernel.numbers import rupiah_from_sen
from control_plane.accounts.permissions import region_scope
from control_plane.billing.models import (
    BillingEvent,
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentMethod,
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


# Contracts are dated in WIB: a kabupaten's SPK runs to the end of its last day in
# Jakarta time, whatever zone the server or the provider reckons in.
CONTRACT_TIME_ZONE = ZoneInfo("Asia/Jakarta")


def contract_billing_end_get(*, contract: Contract) -> dt.datetime:
    """When billing of the contract stops: 23:59:59 WIB of ``ends_on``, the last
    second the contract covers. The provider subscription is set to cancel then
    (``cancel_at``), so it never renews or invoices past the contract."""
    return dt.datetime.combine(contract.ends_on, dt.time(23, 59, 59), tzinfo=CONTRACT_TIME_ZONE)


def contract_billing_cancel_get(*, contract: Contract) -> int:
    """``contract_billing_end_get`` as the Unix timestamp the provider takes."""
    return int(contract_billing_end_get(contract=contract).timestamp())


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
        Contract.objects.in_force(on)
        .filter(kabupaten_code=village.kabupaten_code)
        .order_by("-starts_on", "-id")
        .first()
    )


def contracts_visible(*, user: Any, query: str = "") -> QuerySet[Contract]:
    """Contracts a control-plane user may see: those of the kabupaten in its region
    (``region_scope``: operations all, a manager its kabupaten, a province official its
    province's), optionally searched by kabupaten name or contract number."""
    scope = region_scope(user)
    qs = (
        Contract.objects.select_related("plan")
        .annotate(seats_used=Count("seats", filter=Q(seats__village__status__in=BILLED_STATUSES)))
        .order_by("kabupaten_code", "-starts_on", "-id")
    )
    if query:
        qs = qs.filter(Q(kabupaten_name__icontains=query) | Q(number__icontains=query))
    if scope is None:
        return qs
    within = Q(pk__in=[])
    for code in scope:
        within |= Q(kabupaten_code__startswith=code)
    return qs.filter(within)


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


# --- the money figures of an invoice ------------------------------------------------------
# Every page and document about an invoice — the invoice page, the contract page, the
# yearly summary, the receipt, the BAST, the Coretax export, the payment form, the
# reminder e-mail — reads status, totals, what is paid and owed, the villages and the
# period from ``invoice_figures_get``, so no two of them can disagree.


@dataclass(frozen=True)
class InvoiceVillage:
    code: str
    name: str


@dataclass(frozen=True)
class InvoicePaymentLine:
    """One credit to an invoice: a recorded payment, or what the provider reports paid
    beyond them (``payment_id`` ``None``: paid at the provider, e.g. through Stripe)."""

    method: str
    method_label: str
    reference: str
    received_on: dt.date | None
    amount_idr: int  # credited: received + withheld
    withheld_idr: int
    payment_id: int | None = None

    @property
    def received_idr(self) -> int:
        return self.amount_idr - self.withheld_idr


@dataclass(frozen=True)
class InvoiceFigures:
    """What an invoice amounts to, in whole rupiah, derived from its mirrored provider
    state (status, total, lines), the payments credited to it and its contract."""

    invoice_id: int
    number: str
    status: str
    status_label: str
    total_idr: int
    credited_idr: int
    withheld_idr: int
    outstanding_idr: int
    overpaid_idr: int
    villages: tuple[InvoiceVillage, ...]
    period_start: dt.date | None
    period_end: dt.date | None
    payments: tuple[InvoicePaymentLine, ...]
    provider_quantity: int = 0

    @property
    def received_idr(self) -> int:
        return self.credited_idr - self.withheld_idr

    @property
    def quantity(self) -> int:
        """Villages billed: those recorded on the invoice (an invoice mirrored before
        they were recorded falls back to the provider's quantity)."""
        return len(self.villages) or self.provider_quantity

    @property
    def is_draft(self) -> bool:
        return self.status == InvoiceStatus.DRAFT

    @property
    def is_paid(self) -> bool:
        return self.status == InvoiceStatus.PAID

    @property
    def awaits_payment(self) -> bool:
        return self.status in UNPAID_STATUSES

    @property
    def is_issued(self) -> bool:
        """Issued and not cancelled: counts in reports and the tax export."""
        return self.status in (*UNPAID_STATUSES, InvoiceStatus.PAID)


def _service_period(invoice: Invoice, contract: Contract) -> tuple[dt.date | None, dt.date | None]:
    """The days the invoice bills, within the contract (its provider period ends at the
    first second of the next period, so the last day is the one before). ``(None,
    None)`` when the two do not overlap."""
    if invoice.period_start is None or invoice.period_end is None:
        return None, None
    start = timezone.localtime(invoice.period_start).date()
    end = timezone.localtime(invoice.period_end - dt.timedelta(seconds=1)).date()
    start, end = max(start, contract.starts_on), min(max(end, start), contract.ends_on)
    return (start, end) if start <= end else (None, None)


def _invoice_villages(invoice: Invoice) -> tuple[InvoiceVillage, ...]:
    return tuple(
        InvoiceVillage(code=str(v.get("code", "")), name=str(v.get("name", "")))
        for v in invoice.villages or []
    )


def invoice_figures_get(*, invoice: Invoice) -> InvoiceFigures:
    """The one source of an invoice's money figures (see above); one query for the
    payments unless they were prefetched (``invoice_figures_list``).

    Status is the provider's (mirrored). While awaiting payment, what is owed is the
    total less every payment credited (received + withheld); a paid invoice owes
    nothing, and what the provider reports paid beyond the recorded payments (paid
    through Stripe) is shown as one more credit; a draft or a cancelled invoice owes
    nothing either."""
    rows = list(invoice.payments.all())
    lines = [
        InvoicePaymentLine(
            method=p.method,
            method_label=str(PaymentMethod(p.method).label)
            if p.method in PaymentMethod.values
            else p.method,
            reference=p.reference,
            received_on=p.received_on,
            amount_idr=rupiah_from_sen(p.amount),
            withheld_idr=rupiah_from_sen(p.withheld),
            payment_id=p.pk,
        )
        for p in sorted(rows, key=lambda p: (p.received_on, p.pk))
    ]
    total = rupiah_from_sen(invoice.total)
    credited = sum(line.amount_idr for line in lines)
    status = invoice.status
    if status == InvoiceStatus.PAID and credited < total:
        lines.append(
            InvoicePaymentLine(
                method=PaymentMethod.PROVIDER,
                method_label=str(PaymentMethod.PROVIDER.label),
                reference=invoice.number,
                received_on=timezone.localtime(invoice.paid_at).date() if invoice.paid_at else None,
                amount_idr=total - credited,
                withheld_idr=0,
            )
        )
        credited = total
    owed = total if status in UNPAID_STATUSES else 0
    if status in (InvoiceStatus.PAID, *UNPAID_STATUSES):
        overpaid = max(0, credited - total)
    else:  # a draft cannot be paid; money credited to a cancelled invoice is owed back
        overpaid = credited
    start, end = _service_period(invoice, invoice.contract)
    return InvoiceFigures(
        invoice_id=invoice.pk,
        number=invoice.number,
        status=status,
        status_label=str(InvoiceStatus(status).label) if status in InvoiceStatus.values else status,
        total_idr=total,
        credited_idr=credited,
        withheld_idr=sum(line.withheld_idr for line in lines),
        outstanding_idr=max(0, owed - credited),
        overpaid_idr=overpaid,
        villages=_invoice_villages(invoice),
        period_start=start,
        period_end=end,
        payments=tuple(lines),
        provider_quantity=invoice.quantity,
    )


def invoice_figures_list(*, invoices: Iterable[Invoice]) -> list[tuple[Invoice, InvoiceFigures]]:
    """Figures of many invoices in two queries (invoices with contracts, payments)."""
    ids = [i.pk for i in invoices]
    fetched = (
        Invoice.objects.filter(pk__in=ids)
        .select_related("contract")
        .prefetch_related(Prefetch("payments", queryset=Payment.objects.order_by("pk")))
    )
    by_id = {i.pk: i for i in fetched}
    return [(by_id[pk], invoice_figures_get(invoice=by_id[pk])) for pk in ids if pk in by_id]

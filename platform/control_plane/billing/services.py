"""Billing writes: contracts to subscriptions, invoices, payments, webhooks, dunning,
reconciliation.

Provider calls use idempotency keys derived from business ids, so a service that
fails half-way can simply be run again. Calls that need the result inside the
transaction (ids, re-fetched objects) run under a row lock on the contract; local
state, the audit row (``BillingEvent``) and, for webhooks, the processed-event row
are written in one transaction. E-mails go out on commit.

Clock: every time-dependent service takes ``now`` (default ``timezone.now()``), so
tests and the dunning task drive time explicitly.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.mail import mail_on_commit
from balai_kernel.numbers import rupiah
from control_plane.billing import selectors
from control_plane.billing.gateway import (
    BillingGateway,
    ContractTerms,
    GatewayError,
    ProviderInvoice,
    ProviderSubscription,
    billing_enabled,
    gateway_get,
)
from control_plane.billing.models import (
    BillingEvent,
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentMethod,
    Plan,
    WebhookEvent,
    WebhookFailure,
    WebhookStatus,
)
from control_plane.contracts.models import Contract, ContractSeat, ProrationPolicy
from tenants import services as tenant_services
from tenants.choices import SuspensionReason
from tenants.models import Village
from tenants.modules import module_codes_normalize, module_codes_unknown

log = logging.getLogger(__name__)


class BillingError(Exception):
    """A billing action that is not allowed now; the message is Indonesian, for users."""


# The fixed names the billing audit trail shows for acts nobody signed in for.
DUNNING = Actor.named("dunning")
RECONCILE = Actor.named("reconcile")
STRIPE_WEBHOOK = Actor.named("stripe-webhook")


def _audit(
    *,
    contract: Contract | None,
    action: str,
    actor: Actor,
    invoice: Invoice | None = None,
    **details: Any,
) -> BillingEvent:
    return BillingEvent.objects.create(
        contract=contract, invoice=invoice, action=action, actor=str(actor), details=details
    )


def contract_terms_get(*, contract: Contract) -> ContractTerms:
    plan = contract.plan
    return ContractTerms(
        contract_id=contract.pk,
        number=contract.number,
        kabupaten_code=contract.kabupaten_code,
        kabupaten_name=contract.kabupaten_name,
        billing_name=contract.billing_name,
        billing_email=contract.billing_email,
        npwp=contract.npwp,
        plan_code=plan.code if plan else "",
        plan_name=plan.name if plan else "",
        price_per_village=contract.price_per_village,
        interval=contract.interval,
        days_until_due=contract.days_until_due,
    )


def _locked(contract: Contract) -> Contract:
    """Lock the contract row. Lock order everywhere: contract first, then its invoices —
    a webhook about an invoice arrives while ``invoice_finalize`` holds the contract
    and waits on the provider, and the opposite order would deadlock the two."""
    return (
        Contract.objects.select_for_update(of=("self",)).select_related("plan").get(pk=contract.pk)
    )


# --- invoices mirrored from the provider -------------------------------------------------


def invoice_mirror(
    *,
    provider: ProviderInvoice,
    actor: Actor,
    contract: Contract | None = None,
    now: dt.datetime | None = None,
) -> Invoice | None:
    """Copy the provider's invoice into ``Invoice`` (insert or update). A status change
    is audited; an invoice becoming paid or void may lift a billing suspension.
    Returns ``None`` for invoices of customers that are not Balai contracts."""
    now = now or timezone.now()
    if contract is None:
        contract = Contract.objects.filter(stripe_customer_id=provider.customer_id).first()
        if contract is None:
            return None
    with transaction.atomic():
        contract = _locked(contract)
        invoice = Invoice.objects.select_for_update().filter(stripe_invoice_id=provider.id).first()
        created = invoice is None
        if invoice is None:
            invoice = Invoice(contract=contract, stripe_invoice_id=provider.id)
        old_status = None if created else invoice.status
        invoice.number = provider.number
        invoice.status = provider.status
        invoice.billing_reason = provider.billing_reason
        invoice.subtotal, invoice.total = provider.subtotal, provider.total
        invoice.amount_due, invoice.amount_paid = provider.amount_due, provider.amount_paid
        invoice.amount_remaining = provider.amount_remaining
        invoice.quantity = provider.quantity
        invoice.lines = provider.lines
        invoice.period_start, invoice.period_end = provider.period_start, provider.period_end
        if created:
            invoice.villages = _villages_to_invoice(contract=contract, invoice=invoice)
        invoice.due_date = provider.due_date
        invoice.hosted_invoice_url = provider.hosted_invoice_url
        invoice.invoice_pdf = provider.invoice_pdf
        invoice.paid_out_of_band = provider.paid_out_of_band
        invoice.finalized_at = provider.finalized_at
        invoice.paid_at = provider.paid_at
        invoice.synced_at = now
        invoice.save()
        if old_status != invoice.status:
            _audit(
                contract=contract,
                invoice=invoice,
                action="invoice_status",
                actor=actor,
                **{"from": old_status, "to": invoice.status, "number": invoice.number},
            )
            if invoice.status in (InvoiceStatus.PAID, InvoiceStatus.VOID):
                contract_billing_resume(contract=contract, actor=actor, now=now)
    return invoice


def _villages_to_invoice(*, contract: Contract, invoice: Invoice) -> list[dict[str, str]]:
    """The villages a new invoice bills, recorded once, when it is first mirrored. An
    invoice with a full period of the plan bills every village the contract pays for
    now; one of prorations only (villages joined mid-term) bills those not yet on
    another invoice of an overlapping period."""
    billed = list(selectors.contract_billed_villages(contract=contract).order_by("code"))
    full_period = any(line.get("kind") == "subscription" for line in invoice.lines or [])
    if not full_period and invoice.period_start and invoice.period_end:
        overlapping = Invoice.objects.filter(
            contract=contract,
            period_start__lt=invoice.period_end,
            period_end__gt=invoice.period_start,
        ).exclude(status=InvoiceStatus.VOID)
        if invoice.pk:
            overlapping = overlapping.exclude(pk=invoice.pk)
        invoiced = {
            v.get("code")
            for villages in overlapping.values_list("villages", flat=True)
            for v in villages
        }
        billed = [v for v in billed if v.code not in invoiced]
    return [{"code": v.code, "name": v.name} for v in billed]


# Checks that must pass before Balai finalizes an invoice. Each returns problems in
# Indonesian; the government-invoicing issue registers BAST sign-off and tax lines.
FINALIZE_CHECKS: list[Callable[[Invoice], list[str]]] = []
# Steps run on a draft just before the checks (e.g. adding the PPN line); each takes
# the invoice, the actor and the gateway and returns the (re-mirrored) invoice.
FINALIZE_PREPARERS: list[Callable[..., Invoice]] = []


def _check_basics(invoice: Invoice) -> list[str]:
    problems = []
    if invoice.status != InvoiceStatus.DRAFT:
        problems.append(_("Faktur ini sudah diterbitkan."))
    if invoice.total <= 0:
        problems.append(_("Faktur bernilai nol tidak perlu diterbitkan."))
    if not invoice.contract.billing_email:
        problems.append(_("Kontrak belum memiliki e-mail penagihan."))
    return problems


FINALIZE_CHECKS.append(_check_basics)


def invoice_blocker_list(*, invoice: Invoice) -> list[str]:
    return [problem for check in FINALIZE_CHECKS for problem in check(invoice)]


def invoice_finalize(
    *, invoice: Invoice, actor: Actor, send: bool = True, gateway: BillingGateway | None = None
) -> Invoice:
    """Finalize a draft after Balai's own checks (and e-mail it through the provider
    when ``send``). Raises ``BillingError`` listing what blocks it."""
    gw = gateway or gateway_get()
    for prepare in FINALIZE_PREPARERS:
        invoice = prepare(invoice=invoice, actor=actor, gateway=gw)
    problems = invoice_blocker_list(invoice=invoice)
    if problems:
        raise BillingError(" ".join(problems))
    with transaction.atomic():
        contract = _locked(invoice.contract)
        provider = gw.invoice_finalize(invoice_id=invoice.stripe_invoice_id)
        _audit(contract=contract, invoice=invoice, action="invoice_finalized", actor=actor)
        if send:
            provider = gw.invoice_send(invoice_id=invoice.stripe_invoice_id)
            Invoice.objects.filter(pk=invoice.pk).update(sent_at=timezone.now())
            _audit(contract=contract, invoice=invoice, action="invoice_sent", actor=actor)
        mirrored = invoice_mirror(provider=provider, actor=actor, contract=contract)
    assert mirrored is not None
    return mirrored


def invoice_void(
    *, invoice: Invoice, actor: Actor, gateway: BillingGateway | None = None
) -> Invoice:
    """Cancel an issued invoice (e.g. issued with a wrong quantity)."""
    gw = gateway or gateway_get()
    if invoice.status not in selectors.UNPAID_STATUSES:
        raise BillingError(_("Hanya faktur terbit yang belum dibayar yang dapat dibatalkan."))
    with transaction.atomic():
        contract = _locked(invoice.contract)
        provider = gw.invoice_void(invoice_id=invoice.stripe_invoice_id)
        _audit(contract=contract, invoice=invoice, action="invoice_voided", actor=actor)
        mirrored = invoice_mirror(provider=provider, actor=actor, contract=contract)
    assert mirrored is not None
    return mirrored


def payment_record(
    *,
    invoice: Invoice,
    amount: int,
    received_on: dt.date,
    reference: str,
    actor: Actor,
    note: str = "",
    withheld: int = 0,
    method: str = PaymentMethod.BANK_TRANSFER,
    gateway: BillingGateway | None = None,
    now: dt.datetime | None = None,
) -> Payment:
    """Credit money to an invoice (in sen): a bank transfer matched by the finance team,
    or an SP2D transfer with the taxes its treasurer ``withheld`` (they count as paid).
    When the credits cover the invoice (``selectors.invoice_figures_get`` owes
    nothing), the provider is told (``paid_out_of_band``), the invoice becomes paid and
    a billing suspension is lifted. A partial payment leaves the invoice open."""
    gw = gateway or gateway_get()
    if amount <= 0:
        raise BillingError(_("Jumlah pembayaran harus lebih dari nol."))
    if not 0 <= withheld <= amount:
        raise BillingError(_("Pajak yang dipotong tidak boleh melebihi jumlah pembayaran."))
    with transaction.atomic():
        contract = _locked(invoice.contract)
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status not in selectors.UNPAID_STATUSES:
            raise BillingError(_("Faktur ini tidak sedang menunggu pembayaran."))
        payment = Payment.objects.create(
            invoice=invoice,
            amount=amount,
            withheld=withheld,
            method=method,
            reference=reference,
            received_on=received_on,
            recorded_by=str(actor),
            note=note,
        )
        _audit(
            contract=contract,
            invoice=invoice,
            action="payment_recorded",
            actor=actor,
            amount=amount,
            withheld=withheld,
            method=method,
            reference=reference,
        )
        if selectors.invoice_figures_get(invoice=invoice).outstanding_idr == 0:
            provider = gw.invoice_pay_out_of_band(
                invoice_id=invoice.stripe_invoice_id, key=f"invoice-{invoice.pk}-paid-out-of-band"
            )
            invoice_mirror(provider=provider, actor=actor, contract=contract, now=now)
    return payment


# --- contracts and subscriptions ---------------------------------------------------------


def plan_product_ensure(*, plan: Plan, gateway: BillingGateway | None = None) -> str:
    """The provider product for a plan, created once."""
    if plan.stripe_product_id:
        return plan.stripe_product_id
    gw = gateway or gateway_get()
    product_id = gw.product_create(plan_code=plan.code, plan_name=plan.name)
    Plan.objects.filter(pk=plan.pk).update(stripe_product_id=product_id)
    plan.stripe_product_id = product_id
    return product_id


def contract_billing_start(
    *,
    contract: Contract,
    actor: Actor,
    gateway: BillingGateway | None = None,
    now: dt.datetime | None = None,
) -> Contract:
    """Create the provider customer, price and subscription for a contract, with
    quantity = villages it pays for. The subscription ends by itself at the end of the
    contract's last day (``cancel_at``, see ``selectors.contract_billing_end_get``),
    so the provider never renews it past the contract; its first invoice keeps the
    full price of a period (no proration) and is held as a draft for Balai to
    finalize. A contract that has ended cannot start billing. Safe to re-run
    (idempotency keys, stored ids)."""
    gw = gateway or gateway_get()
    now = now or timezone.now()
    with transaction.atomic():
        contract = _locked(contract)
        if contract.stripe_subscription_id:
            return contract
        if contract.plan is None or contract.price_per_village <= 0:
            raise BillingError(_("Kontrak harus memiliki paket dan harga per desa."))
        cancel_at = selectors.contract_billing_cancel_get(contract=contract)
        if cancel_at <= now.timestamp():
            raise BillingError(_("Kontrak ini sudah berakhir; penagihannya tidak dapat dimulai."))
        terms = contract_terms_get(contract=contract)
        if not contract.stripe_customer_id:
            contract.stripe_customer_id = gw.customer_create(terms=terms)
        product_id = plan_product_ensure(plan=contract.plan, gateway=gw)
        if not contract.stripe_price_id:
            contract.stripe_price_id = gw.price_create(
                terms=terms, product_id=product_id, key=f"contract-{contract.pk}-price-0"
            )
        quantity = selectors.contract_billed_count(contract=contract)
        sub = gw.subscription_create(
            terms=terms,
            customer_id=contract.stripe_customer_id,
            price_id=contract.stripe_price_id,
            quantity=quantity,
            cancel_at=cancel_at,
            key=f"contract-{contract.pk}-subscription",
        )
        contract.stripe_subscription_id = sub.id
        contract.stripe_subscription_item_id = sub.item_id
        contract.billed_quantity = quantity
        contract.save()
        _audit(
            contract=contract,
            action="billing_started",
            actor=actor,
            quantity=quantity,
            subscription=sub.id,
            cancel_at=sub.cancel_at,
        )
        if sub.latest_invoice_id:
            provider = gw.invoice_hold(invoice_id=sub.latest_invoice_id, terms=terms)
            invoice_mirror(provider=provider, actor=actor, contract=contract)
    return contract


def contract_seat_attach(*, contract: Contract, village: Village, actor: Actor) -> ContractSeat:
    """Record that ``contract`` pays for ``village`` (idempotent). The village gets
    the modules of the plan of the contract that holds its seat."""
    with transaction.atomic():
        seat, created = ContractSeat.objects.select_related("contract__plan").get_or_create(
            village=village, defaults={"contract": contract, "attached_by": str(actor)}
        )
        if created:
            _audit(contract=contract, action="seat_attached", actor=actor, village=village.code)
        _village_modules_apply(villages=[village], contract=seat.contract, actor=actor)
    return seat


def contract_seat_release(
    *, village: Village, actor: Actor, gateway: BillingGateway | None = None
) -> Contract | None:
    """The contract stops paying for ``village`` (e.g. the kabupaten moved it out of
    the SPK). The village keeps running, unbilled, with no plan limits — like a
    village operations approved outside any contract — until it is attached again.
    The subscription quantity follows. Returns the former contract (``None`` when
    the village held no seat)."""
    with transaction.atomic():
        seat = (
            ContractSeat.objects.select_for_update()
            .select_related("contract")
            .filter(village=village)
            .first()
        )
        if seat is None:
            return None
        contract = seat.contract
        seat.delete()
        _audit(contract=contract, action="seat_released", actor=actor, village=village.code)
        _village_modules_apply(villages=[village], contract=None, actor=actor)
    contract_sync_quantity(contract=contract, actor=actor, gateway=gateway)
    return contract


# --- modules of the plan (``tenants.modules``) -------------------------------------------


def _village_modules_apply(
    *, villages: Iterable[Village], contract: Contract | None, actor: Actor
) -> list[Village]:
    """Give ``villages`` the modules of ``contract``'s plan (no contract or no plan
    modules: no limits). Audited on the contract when any village changed."""
    plan = contract.plan if contract is not None else None
    modules = module_codes_normalize(plan.modules if plan is not None else None)
    plan_name = plan.name if plan is not None and modules is not None else ""
    changed = tenant_services.village_modules_set(
        villages=villages, modules=modules, plan_name=plan_name, actor=actor, reason="billing"
    )
    if changed and contract is not None:
        _audit(
            contract=contract,
            action="modules_synced",
            actor=actor,
            plan=plan.code if plan is not None else None,
            modules=modules,
            villages=[v.code for v in changed],
        )
    return changed


def contract_modules_sync(*, contract: Contract, actor: Actor) -> list[Village]:
    """Make every village holding a seat of ``contract`` (any status) use the modules
    of the contract's current plan. Call it whenever the plan of a contract changes
    (``contract_amend`` below does). Villages whose list changes get a
    lifecycle event, the contract a ``modules_synced`` billing event, and routing is
    invalidated so every process serves the new list within seconds. Idempotent;
    returns the villages that changed."""
    with transaction.atomic():
        contract = Contract.objects.select_related("plan").get(pk=contract.pk)
        villages = Village.objects.filter(contract_seat__contract=contract)
        return _village_modules_apply(villages=villages, contract=contract, actor=actor)


def plan_modules_change(*, plan: Plan, modules: list[str], actor: Actor) -> Plan:
    """Change which modules a plan includes (codes of ``tenants.modules``; an empty
    list means no limits) and apply it at once to every village of every contract
    on the plan. Unknown codes are refused. Audited as ``plan_modules_changed``."""
    unknown = module_codes_unknown(modules)
    if unknown:
        raise BillingError(_("Modul tidak dikenal: %(kode)s.") % {"kode": ", ".join(unknown)})
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        before = list(plan.modules or [])
        plan.modules = sorted(set(modules))
        plan.save(update_fields=["modules"])
        _audit(
            contract=None,
            action="plan_modules_changed",
            actor=actor,
            plan=plan.code,
            **{"from": before, "to": plan.modules},
        )
        for contract in Contract.objects.filter(plan=plan).order_by("pk"):
            contract_modules_sync(contract=contract, actor=actor)
    return plan


def billing_modules_sync_all(*, actor: Actor) -> int:
    """Re-apply plan modules to every village (after a deploy that adds modules, or
    to repair drift): villages with a seat follow their contract's plan, villages
    without one lose any limits. Returns how many villages changed."""
    changed = 0
    for contract in Contract.objects.filter(seats__isnull=False).distinct().order_by("pk"):
        changed += len(contract_modules_sync(contract=contract, actor=actor))
    strays = Village.objects.filter(contract_seat__isnull=True, modules__isnull=False)
    with transaction.atomic():
        changed += len(_village_modules_apply(villages=strays, contract=None, actor=actor))
    return changed


def contract_sync_quantity(
    *,
    actor: Actor,
    contract: Contract | None = None,
    village: Village | None = None,
    gateway: BillingGateway | None = None,
) -> Contract | None:
    """Make the subscription quantity equal the villages the contract pays for.

    Call it whenever a village becomes active, is archived or restored (onboarding:
    ``contract_sync_quantity(village=village, actor=actor)``). With ``village``, the
    village keeps its seat's contract, or is attached to the contract in force for its
    kabupaten; returns ``None`` when there is none (approved by operations outside
    any contract: not billed). The quantity change follows the contract's
    proration policy: ``invoice_now`` prorates and issues a draft invoice at once,
    ``next_period`` prorates onto the next invoice, ``none`` does not prorate.
    Idempotency key: ``contract-<id>-amend-<n>``."""
    if village is not None and contract is None:
        seat = ContractSeat.objects.filter(village=village).select_related("contract").first()
        contract = seat.contract if seat else selectors.contract_for_village(village=village)
        if contract is None:
            return None
    if contract is None:
        raise ValueError("contract or village is required")
    if village is not None:
        # The seat is committed before any provider call: billing switched off or a
        # provider outage must not lose it (the quantity follows at reconciliation).
        contract_seat_attach(contract=contract, village=village, actor=actor)
    with transaction.atomic():
        contract = _locked(contract)
        quantity = selectors.contract_billed_count(contract=contract)
        if quantity == contract.billed_quantity or not contract.stripe_subscription_id:
            if not contract.stripe_subscription_id and quantity != contract.billed_quantity:
                contract.billed_quantity = quantity
                contract.save(update_fields=["billed_quantity", "updated_at"])
            return contract
        if gateway is None and not billing_enabled():
            # billed_quantity stays what the provider bills, so reconciliation sees the gap.
            log.warning(
                "billing off: subscription quantity not synced", extra={"contract": contract.pk}
            )
            return contract
        gw = gateway or gateway_get()
        previous = contract.billed_quantity
        contract.amendment += 1
        key = f"contract-{contract.pk}-amend-{contract.amendment}"
        policy = contract.proration_policy
        sub = gw.subscription_change(
            subscription_id=contract.stripe_subscription_id,
            item_id=contract.stripe_subscription_item_id,
            quantity=quantity,
            price_id=None,
            proration_behavior="none" if policy == ProrationPolicy.NONE else "create_prorations",
            key=key,
        )
        contract.billed_quantity = sub.quantity
        contract.save(update_fields=["amendment", "billed_quantity", "updated_at"])
        _audit(
            contract=contract,
            action="quantity_changed",
            actor=actor,
            **{"from": previous, "to": quantity, "policy": policy, "amendment": contract.amendment},
        )
        if policy == ProrationPolicy.INVOICE_NOW and quantity > previous:
            provider = gw.invoice_create(
                terms=contract_terms_get(contract=contract),
                customer_id=contract.stripe_customer_id,
                subscription_id=contract.stripe_subscription_id,
                key=f"{key}-invoice",
            )
            invoice_mirror(provider=provider, actor=actor, contract=contract)
    return contract


def contract_price_change(
    *, contract: Contract, actor: Actor, gateway: BillingGateway | None = None
) -> Contract:
    """After an amendment changed plan or price: a new provider price, switched on the
    subscription without proration (the new price applies from the next period)."""
    gw = gateway or gateway_get()
    with transaction.atomic():
        contract = _locked(contract)
        if not contract.stripe_subscription_id:
            return contract
        assert contract.plan is not None
        contract.amendment += 1
        key = f"contract-{contract.pk}-amend-{contract.amendment}"
        product_id = plan_product_ensure(plan=contract.plan, gateway=gw)
        contract.stripe_price_id = gw.price_create(
            terms=contract_terms_get(contract=contract), product_id=product_id, key=f"{key}-price"
        )
        gw.subscription_change(
            subscription_id=contract.stripe_subscription_id,
            item_id=contract.stripe_subscription_item_id,
            quantity=contract.billed_quantity,
            price_id=contract.stripe_price_id,
            proration_behavior="none",
            key=key,
        )
        contract.save()
        _audit(
            contract=contract,
            action="price_changed",
            actor=actor,
            price=contract.price_per_village,
            plan=contract.plan.code,
            amendment=contract.amendment,
        )
    return contract


def contract_billing_end_sync(
    *,
    contract: Contract,
    actor: Actor,
    gateway: BillingGateway | None = None,
    now: dt.datetime | None = None,
) -> ProviderSubscription | None:
    """Make the provider subscription end when the contract does: ``cancel_at`` =
    ``selectors.contract_billing_cancel_get``. ``contract_amend`` calls it when
    ``ends_on`` changed; reconciliation when the provider's end drifted (a
    subscription made before Balai set ``cancel_at``, or changed in Stripe's
    dashboard). The move is not prorated: the contract's price per period stands.

    Returns the updated provider subscription, or ``None`` when there was nothing to
    change (billing not started or off, subscription already ended, end already
    right). A contract whose end has passed while its subscription still runs raises
    ``BillingError``: the provider takes no end in the past, and whether to cancel
    (the kabupaten may be renewing) is for operations to decide. Idempotency key
    ``contract-<id>-amend-<n>``; audited as ``billing_end_changed``."""
    if not contract.stripe_subscription_id:
        return None
    if gateway is None and not billing_enabled():
        # Reconciliation moves the end once billing is back on.
        log.warning("billing off: subscription end not synced", extra={"contract": contract.pk})
        return None
    gw = gateway or gateway_get()
    now = now or timezone.now()
    with transaction.atomic():
        contract = _locked(contract)
        sub = gw.subscription_retrieve(subscription_id=contract.stripe_subscription_id)
        cancel_at = selectors.contract_billing_cancel_get(contract=contract)
        if sub.status == "canceled" or sub.cancel_at == cancel_at:
            return None
        if cancel_at <= now.timestamp():
            raise BillingError(
                _(
                    "Kontrak %(number)s sudah berakhir, tetapi langganannya di penyedia "
                    "pembayaran masih berjalan. Perpanjang kontrak atau hentikan langganannya."
                )
                % {"number": contract.number}
            )
        contract.amendment += 1
        changed = gw.subscription_cancel_at_set(
            subscription_id=contract.stripe_subscription_id,
            cancel_at=cancel_at,
            key=f"contract-{contract.pk}-amend-{contract.amendment}",
        )
        contract.save(update_fields=["amendment", "updated_at"])
        _audit(
            contract=contract,
            action="billing_end_changed",
            actor=actor,
            ends_on=contract.ends_on.isoformat(),
            amendment=contract.amendment,
            **{"from": sub.cancel_at, "to": changed.cancel_at},
        )
    return changed


def contract_invoice_preview(
    *, contract: Contract, gateway: BillingGateway | None = None
) -> ProviderInvoice | None:
    """The next invoice as the provider would issue it (``Invoice.create_preview``)."""
    if not contract.stripe_subscription_id:
        return None
    gw = gateway or gateway_get()
    try:
        return gw.invoice_preview(
            customer_id=contract.stripe_customer_id, subscription_id=contract.stripe_subscription_id
        )
    except GatewayError:
        log.warning("invoice preview failed for contract %s", contract.pk)
        return None


# --- suspension for unpaid invoices ------------------------------------------------------


def contract_billing_suspend(
    *, contract: Contract, invoice: Invoice, actor: Actor, now: dt.datetime
) -> int:
    """Make every village the contract pays for read-only (reason: billing). Data is
    never touched. Returns how many villages were suspended."""
    count = 0
    for village in selectors.contract_billed_villages(contract=contract):
        tenant_services.village_suspend(
            village=village,
            reason=SuspensionReason.BILLING,
            actor=actor,
            note=_("Faktur %(number)s belum dibayar.") % {"number": invoice.number},
        )
        count += 1
    Invoice.objects.filter(pk=invoice.pk).update(suspended_villages_at=now)
    _audit(
        contract=contract, invoice=invoice, action="villages_suspended", actor=actor, count=count
    )
    return count


def contract_billing_resume(
    *, contract: Contract, actor: Actor, now: dt.datetime | None = None
) -> int:
    """Lift the billing suspension of the contract's villages once no unpaid invoice is
    past its grace period. Suspensions for other reasons stay."""
    now = now or timezone.now()
    grace_cutoff = now - dt.timedelta(days=settings.BILLING_GRACE_DAYS)
    still_overdue = Invoice.objects.filter(
        contract=contract, status__in=selectors.UNPAID_STATUSES, due_date__lt=grace_cutoff
    ).exists()
    if still_overdue:
        return 0
    villages = Village.objects.filter(
        contract_seat__contract=contract,
        suspensions__reason=SuspensionReason.BILLING,
        suspensions__lifted_at__isnull=True,
    ).distinct()
    count = 0
    for village in villages:
        tenant_services.village_resume(
            village=village, reason=SuspensionReason.BILLING, actor=actor
        )
        count += 1
    Invoice.objects.filter(contract=contract, suspended_villages_at__isnull=False).exclude(
        status__in=selectors.UNPAID_STATUSES
    ).update(suspended_villages_at=None)
    if count:
        _audit(contract=contract, action="villages_resumed", actor=actor, count=count)
    return count


# --- dunning -------------------------------------------------------------------------------


@dataclass
class DunningReport:
    reminders: list[str] = field(default_factory=list)
    suspended: list[str] = field(default_factory=list)


def _reminder_recipients(contract: Contract) -> list[str]:
    """The billing contact and the contract's active managers (a deactivated manager
    stays a member for its reactivation, but hears nothing meanwhile)."""
    emails = {contract.billing_email} | set(
        contract.managers.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    return sorted(e for e in emails if e)


def billing_dunning_run(*, now: dt.datetime | None = None, actor: Actor = DUNNING) -> DunningReport:
    """Daily: for each unpaid invoice past its due date, send the reminders due by
    ``BILLING_REMINDER_DAYS`` and, after ``BILLING_GRACE_DAYS``, make the contract's
    villages read-only. Each invoice is handled in its own transaction; each step is
    audited. (Stripe emits ``invoice.overdue`` only with custom automations, so Balai
    finds overdue invoices by due date itself.)"""
    now = now or timezone.now()
    report = DunningReport()
    for invoice_id in selectors.invoices_overdue(now=now).values_list("pk", flat=True):
        with transaction.atomic():
            contract = _locked(
                Invoice.objects.select_related("contract").get(pk=invoice_id).contract
            )
            invoice = Invoice.objects.select_for_update().get(pk=invoice_id)
            if invoice.status not in selectors.UNPAID_STATUSES or invoice.due_date is None:
                continue
            days_overdue = (now - invoice.due_date).days
            due = len([d for d in settings.BILLING_REMINDER_DAYS if days_overdue >= d])
            if due > invoice.reminders_sent:
                invoice.reminders_sent = due
                invoice.last_reminder_at = now
                invoice.save(update_fields=["reminders_sent", "last_reminder_at", "updated_at"])
                _audit(
                    contract=contract,
                    invoice=invoice,
                    action="reminder_sent",
                    actor=actor,
                    reminder=due,
                    days_overdue=days_overdue,
                )
                _reminder_send(invoice=invoice, days_overdue=days_overdue)
                report.reminders.append(invoice.number)
            if (
                days_overdue >= settings.BILLING_GRACE_DAYS
                and invoice.suspended_villages_at is None
            ):
                contract_billing_suspend(contract=contract, invoice=invoice, actor=actor, now=now)
                report.suspended.append(invoice.number)
    return report


def _reminder_send(*, invoice: Invoice, days_overdue: int) -> None:
    contract = invoice.contract
    recipients = _reminder_recipients(contract)
    if not recipients:
        return
    grace_left = max(settings.BILLING_GRACE_DAYS - days_overdue, 0)
    subject = _("Pengingat: faktur %(number)s belum dibayar") % {"number": invoice.number}
    body = _(
        "Yth. %(name)s,\n\nFaktur %(number)s sebesar %(amount)s untuk kontrak %(contract)s "
        "telah lewat jatuh tempo %(days)s hari. Tanpa pembayaran dalam %(grace)s hari, "
        "desa-desa dalam kontrak ini menjadi hanya-baca (data tetap aman).\n\n"
        "Lihat faktur: %(url)s\n\nBalai"
    ) % {
        "name": contract.billing_name or contract.kabupaten_name,
        "number": invoice.number,
        "amount": rupiah(selectors.invoice_figures_get(invoice=invoice).outstanding_idr),
        "contract": contract.number,
        "days": days_overdue,
        "grace": grace_left,
        "url": invoice.hosted_invoice_url,
    }
    mail_on_commit(to=recipients, subject=subject, body=body)


# --- webhooks --------------------------------------------------------------------------------

INVOICE_EVENTS = frozenset(
    {
        "invoice.created",
        "invoice.finalized",
        "invoice.sent",
        "invoice.paid",
        "invoice.payment_failed",
        "invoice.voided",
        "invoice.marked_uncollectible",
        "invoice.updated",
    }
)
SUBSCRIPTION_EVENTS = frozenset({"customer.subscription.updated", "customer.subscription.deleted"})


@dataclass(frozen=True)
class WebhookResult:
    event_id: str
    outcome: str  # processed | duplicate | ignored


def webhook_event_process(
    *, payload: bytes, signature: str, gateway: BillingGateway | None = None
) -> WebhookResult:
    """Verify and apply one provider event, exactly once.

    The signature is checked first (a forged event raises and changes nothing). The
    object is re-fetched from the provider, because events arrive out of order and
    only the current state matters. The event id is stored with a unique constraint
    in the same transaction as its effect: a second delivery is a no-op. A failure is
    recorded for the health page and re-raised so the provider retries."""
    gw = gateway or gateway_get()
    event = gw.event_verify(payload=payload, signature=signature)
    event_id, event_type = event["id"], event["type"]
    obj_id = (event.get("data") or {}).get("object", {}).get("id", "")
    if WebhookEvent.objects.filter(event_id=event_id).exists():
        return WebhookResult(event_id, "duplicate")
    handled = event_type in INVOICE_EVENTS or event_type in SUBSCRIPTION_EVENTS
    try:
        fresh: Any = None
        if event_type in INVOICE_EVENTS:
            fresh = gw.invoice_retrieve(invoice_id=obj_id)
        elif event_type in SUBSCRIPTION_EVENTS:
            fresh = gw.subscription_retrieve(subscription_id=obj_id)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    WebhookEvent.objects.create(
                        event_id=event_id,
                        type=event_type,
                        object_id=obj_id,
                        status=WebhookStatus.PROCESSED if handled else WebhookStatus.IGNORED,
                        provider_created=dt.datetime.fromtimestamp(
                            int(event.get("created") or 0), tz=dt.UTC
                        ),
                    )
            except IntegrityError:
                return WebhookResult(event_id, "duplicate")
            if event_type in INVOICE_EVENTS:
                _webhook_invoice(event_type=event_type, provider=fresh, gateway=gw)
            elif event_type in SUBSCRIPTION_EVENTS:
                _webhook_subscription(event_type=event_type, sub=fresh)
    except Exception as exc:
        WebhookFailure.objects.create(event_id=event_id, type=event_type, error=str(exc)[:2000])
        raise
    return WebhookResult(event_id, "processed" if handled else "ignored")


def _webhook_invoice(
    *, event_type: str, provider: ProviderInvoice, gateway: BillingGateway
) -> None:
    contract = Contract.objects.filter(stripe_customer_id=provider.customer_id).first()
    if contract is None:
        return
    if provider.status == InvoiceStatus.DRAFT and provider.auto_advance:
        # A provider-made draft (e.g. a renewal): hold it for Balai's own checks.
        provider = gateway.invoice_hold(
            invoice_id=provider.id, terms=contract_terms_get(contract=contract)
        )
    invoice = invoice_mirror(provider=provider, actor=STRIPE_WEBHOOK, contract=contract)
    assert invoice is not None
    if event_type == "invoice.sent" and invoice.sent_at is None:
        Invoice.objects.filter(pk=invoice.pk).update(sent_at=timezone.now())
    if event_type == "invoice.payment_failed":
        _audit(contract=contract, invoice=invoice, action="payment_failed", actor=STRIPE_WEBHOOK)


def _webhook_subscription(*, event_type: str, sub: ProviderSubscription) -> None:
    """Record what happened to a contract's subscription; nothing else changes.

    An end is audited as ``subscription_ended`` when the subscription ran to the
    contract's end (the provider acted on ``cancel_at``: billing stops because the
    contract did) and as ``subscription_canceled`` otherwise. Neither suspends a
    village: villages become read-only only for an invoice left unpaid past its
    grace period (``billing_dunning_run``), and what happens to villages after a
    contract ends — renewal, a new contract, release — is a decision of the
    kabupaten and operations, not of the payment provider. The webhook's processed-
    event row makes a replay a no-op."""
    contract = Contract.objects.filter(stripe_subscription_id=sub.id).first()
    if contract is None:
        return
    if event_type == "customer.subscription.deleted" or sub.status == "canceled":
        contract_end = selectors.contract_billing_cancel_get(contract=contract)
        natural = sub.ended_at is not None and sub.ended_at >= contract_end
        _audit(
            contract=contract,
            action="subscription_ended" if natural else "subscription_canceled",
            actor=STRIPE_WEBHOOK,
            cancel_at=sub.cancel_at,
            ended_at=sub.ended_at,
        )
    elif sub.quantity != contract.billed_quantity:
        _audit(
            contract=contract,
            action="subscription_quantity_differs",
            actor=STRIPE_WEBHOOK,
            provider=sub.quantity,
            local=contract.billed_quantity,
        )


# --- reconciliation --------------------------------------------------------------------------


def billing_reconcile(
    *, actor: Actor = RECONCILE, gateway: BillingGateway | None = None
) -> list[str]:
    """Nightly: compare every billed contract with the provider and repair drift —
    invoices missing locally or with another status/amount are re-mirrored; a
    subscription quantity that differs from the villages hosted is re-synced; a
    subscription whose scheduled end (``cancel_at``) is not the contract's end is moved
    to it. Every repair is audited as ``drift_repaired``. What cannot be repaired (a
    contract ended while its subscription runs on, the provider unreachable) is
    recorded as a ``reconcile`` failure for the health page. Returns a description
    of each repair."""
    gw = gateway or gateway_get()
    repairs: list[str] = []
    for contract in Contract.objects.exclude(stripe_subscription_id="").select_related("plan"):
        try:
            repairs += _contract_reconcile(contract=contract, actor=actor, gateway=gw)
        except GatewayError as exc:
            # One unreachable contract must not stop the others; health shows it.
            WebhookFailure.objects.create(type="reconcile", error=f"{contract.number}: {exc}")
    return repairs


def _contract_reconcile(*, contract: Contract, actor: Actor, gateway: BillingGateway) -> list[str]:
    """Reconcile one contract; see ``billing_reconcile``."""
    repairs: list[str] = []
    sub = gateway.subscription_retrieve(subscription_id=contract.stripe_subscription_id)
    expected = selectors.contract_billed_count(contract=contract)
    if sub.status != "canceled" and (
        sub.quantity != contract.billed_quantity or expected != contract.billed_quantity
    ):
        with transaction.atomic():
            Contract.objects.filter(pk=contract.pk).update(billed_quantity=sub.quantity)
            _audit(
                contract=contract,
                action="drift_repaired",
                actor=actor,
                kind="quantity",
                provider=sub.quantity,
                local=contract.billed_quantity,
                expected=expected,
            )
        contract_sync_quantity(contract=contract, actor=actor, gateway=gateway)
        repairs.append(f"{contract.number}: quantity {sub.quantity} → {expected}")
    cancel_at = selectors.contract_billing_cancel_get(contract=contract)
    if sub.status != "canceled" and sub.cancel_at != cancel_at:
        try:
            with transaction.atomic():
                moved = contract_billing_end_sync(contract=contract, actor=actor, gateway=gateway)
                if moved is not None:
                    _audit(
                        contract=contract,
                        action="drift_repaired",
                        actor=actor,
                        kind="cancel_at",
                        provider=sub.cancel_at,
                        expected=cancel_at,
                    )
                    repairs.append(f"{contract.number}: cancel_at {sub.cancel_at} → {cancel_at}")
        except BillingError as exc:
            WebhookFailure.objects.create(type="reconcile", error=f"{contract.number}: {exc}")
    local = {i.stripe_invoice_id: i for i in Invoice.objects.filter(contract=contract)}
    for provider in gateway.invoice_list(customer_id=contract.stripe_customer_id):
        mine = local.get(provider.id)
        if mine and (mine.status, mine.amount_remaining, mine.total) == (
            provider.status,
            provider.amount_remaining,
            provider.total,
        ):
            continue
        with transaction.atomic():
            invoice_mirror(provider=provider, actor=actor, contract=contract)
            _audit(
                contract=contract,
                action="drift_repaired",
                actor=actor,
                kind="invoice",
                provider_invoice=provider.id,
                local=mine.status if mine else None,
                provider=provider.status,
            )
        repairs.append(f"{contract.number}: invoice {provider.id} → {provider.status}")
    return repairs


# --- contract terms (the operations console and the CLI) --------------------------------------
# Contract writes live here, not in ``control_plane.contracts``: every amendment has a billing
# consequence (price, quantity, modules) and writes a BillingEvent, and the contracts package
# (the models) sits below billing so the two never import each other.

AMENDABLE = frozenset(
    {
        "number",
        "kabupaten_name",
        "starts_on",
        "ends_on",
        "seat_limit",
        "auto_approve",
        "plan",
        "price_per_village",
        "interval",
        "npwp",
        "billing_name",
        "billing_email",
        "billing_address",
        "status",
        "proration_policy",
        "days_until_due",
    }
)


@transaction.atomic
def contract_create(
    *,
    kabupaten_code: str,
    kabupaten_name: str,
    number: str,
    starts_on: dt.date,
    ends_on: dt.date,
    actor: Actor,
    plan: Plan | None = None,
    price_per_village: int = 0,
    **fields: Any,
) -> Contract:
    """Register a signed contract (validated, audited). Billing starts separately
    (``billing.services.contract_billing_start``) once price and contact are set."""
    unknown = set(fields) - AMENDABLE
    if unknown:
        raise TypeError(f"unknown contract fields: {sorted(unknown)}")
    contract = Contract(
        kabupaten_code=kabupaten_code,
        kabupaten_name=kabupaten_name,
        number=number,
        starts_on=starts_on,
        ends_on=ends_on,
        plan=plan,
        price_per_village=price_per_village,
        **fields,
    )
    contract.full_clean()
    contract.save()
    BillingEvent.objects.create(
        contract=contract, action="contract_created", actor=actor, details={"number": number}
    )
    return contract


def contract_amend(
    *, contract: Contract, actor: Actor, now: dt.datetime | None = None, **changes: Any
) -> Contract:
    """Change contract terms. A new plan or price creates a new provider price that
    applies from the next period (``billing.services.contract_price_change``); a new
    plan switches the modules of the contract's villages at once, in the same
    transaction (``billing.services.contract_modules_sync``). A new ``ends_on`` moves
    the subscription's scheduled end (``contract_billing_end_sync``); once billing has
    started it cannot lie in the past (``ValidationError`` on ``ends_on``). Provider
    calls come after the amendment is committed: if the provider fails, nightly
    reconciliation catches up."""
    unknown = set(changes) - AMENDABLE
    if unknown:
        raise TypeError(f"unknown contract fields: {sorted(unknown)}")
    now = now or timezone.now()
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        before = {name: getattr(contract, name) for name in changes}
        for name, value in changes.items():
            setattr(contract, name, value)
        if (
            "ends_on" in changes
            and contract.ends_on != before["ends_on"]
            and contract.stripe_subscription_id
            and selectors.contract_billing_cancel_get(contract=contract) <= now.timestamp()
        ):
            raise ValidationError(
                {
                    "ends_on": _(
                        "Penagihan kontrak ini sudah berjalan: tanggal berakhir tidak boleh "
                        "sebelum hari ini."
                    )
                }
            )
        contract.full_clean()
        contract.save()
        changed = {k: str(v) for k, v in before.items() if getattr(contract, k) != v}
        BillingEvent.objects.create(
            contract=contract, action="contract_amended", actor=actor, details=changed
        )
        if "plan" in changed:
            contract_modules_sync(contract=contract, actor=actor)
    if {"plan", "price_per_village"} & set(changed) and contract.stripe_subscription_id:
        contract = contract_price_change(contract=contract, actor=actor)
    if "ends_on" in changed and contract.stripe_subscription_id:
        contract_billing_end_sync(contract=contract, actor=actor, now=now)
        contract.refresh_from_db()
    return contract

"""Contract writes (operations console): create and amend. Billing consequences of
an amendment (new price, quantity) go through ``control_plane.billing.services``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from control_plane.billing.models import BillingEvent, Plan
from control_plane.contracts.models import Contract

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
    actor: str,
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


def contract_amend(*, contract: Contract, actor: str, **changes: Any) -> Contract:
    """Change contract terms. A new plan or price creates a new provider price that
    applies from the next period (``billing.services.contract_price_change``); a new
    plan switches the modules of the contract's villages at once, in the same
    transaction (``billing.services.contract_modules_sync``)."""
    from control_plane.billing.services import contract_modules_sync, contract_price_change

    unknown = set(changes) - AMENDABLE
    if unknown:
        raise TypeError(f"unknown contract fields: {sorted(unknown)}")
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        before = {name: getattr(contract, name) for name in changes}
        for name, value in changes.items():
            setattr(contract, name, value)
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
    return contract

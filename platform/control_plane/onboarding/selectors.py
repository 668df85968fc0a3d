"""Reads for sign-ups, approvals and seats. Other apps (the contract-manager portal)
link to or call these; they never query onboarding models themselves."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from control_plane.accounts.permissions import managed_kabupaten_codes
from control_plane.onboarding.choices import STEP_ORDER, SignupStatus
from control_plane.onboarding.models import Invitation, ProvisioningStep, Signup
from tenants.choices import VillageStatus
from tenants.models import Village

# Villages that hold a seat of their kabupaten's contract.
SEAT_STATUSES = (VillageStatus.ACTIVE, VillageStatus.SUSPENDED, VillageStatus.PROVISIONING)


def contract_for_kabupaten(kabupaten_code: str) -> Any | None:
    """The contract in force today for a kabupaten (latest start wins), or None."""
    from control_plane.contracts.models import Contract

    today = timezone.localdate()
    return (
        Contract.objects.filter(
            kabupaten_code=kabupaten_code, starts_on__lte=today, ends_on__gte=today
        )
        .order_by("-starts_on", "-id")
        .first()
    )


def seats_used(contract: Any) -> int:
    """Villages of the contract's kabupaten that are active, suspended or being provisioned."""
    return Village.objects.filter(
        kabupaten_code=contract.kabupaten_code, status__in=SEAT_STATUSES
    ).count()


def seats_free(contract: Any) -> int | None:
    """Free seats, or None when the contract is open (no limit)."""
    if contract.seat_limit is None:
        return None
    return max(contract.seat_limit - seats_used(contract), 0)


def _scoped(qs: QuerySet, user: Any) -> QuerySet:
    codes = managed_kabupaten_codes(user)
    return qs if codes is None else qs.filter(kabupaten_code__in=codes)


def pending_signups_for(user: Any) -> QuerySet[Signup]:
    """Verified sign-ups waiting for a decision that ``user`` may see (ops: all)."""
    return _scoped(Signup.objects.filter(status=SignupStatus.PENDING), user).select_related(
        "village", "invitation"
    )


def signups_for(user: Any, *, status: str = "", q: str = "") -> QuerySet[Signup]:
    qs = _scoped(Signup.objects.exclude(status=SignupStatus.UNVERIFIED), user)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(village_name__icontains=q) | qs.filter(code__startswith=q.replace(".", ""))
    return qs.select_related("village").order_by("-created_at", "-id")


def signup_visible_to(user: Any, pk: int) -> Signup | None:
    return (
        _scoped(Signup.objects.select_related("village", "invitation"), user).filter(pk=pk).first()
    )


def invitations_for(user: Any) -> QuerySet[Invitation]:
    return _scoped(Invitation.objects.all(), user).select_related("invited_by")


def invitation_open(token: str) -> Invitation | None:
    return Invitation.objects.filter(token=token, used_at__isnull=True).first()


def signup_by_token(token: str) -> Signup | None:
    return Signup.objects.select_related("village").filter(token=token).first()


def provisioning_progress(village: Village | None) -> list[dict[str, Any]]:
    """Every step in order with its state (``done``, ``failed``, ``running``, ``waiting``)."""
    rows = {s.name: s for s in ProvisioningStep.objects.filter(village=village)} if village else {}
    progress = []
    for name in STEP_ORDER:
        row = rows.get(name)
        if row is None:
            state = "waiting"
        elif row.done:
            state = "done"
        elif row.error:
            state = "failed"
        else:
            state = "running"
        progress.append({"name": name, "label": name.label, "state": state})
    return progress


def village_managed_by(user: Any, slug: str) -> Village | None:
    """A village the user may manage (its kabupaten's contract manager, or operations)."""
    return _scoped(Village.objects.all(), user).filter(slug=slug).first()

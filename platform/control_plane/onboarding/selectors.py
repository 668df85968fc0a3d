"""Reads for sign-ups, approvals and seats. Other apps (the contract-manager portal)
link to or call these; they never query onboarding models themselves."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from control_plane.accounts.models import StaffRole
from control_plane.accounts.permissions import managed_kabupaten_codes
from control_plane.accounts.selectors import staff_list
from control_plane.onboarding.choices import STEP_ORDER, SignupStatus
from control_plane.onboarding.models import Invitation, ProvisioningStep, Signup
from control_plane.reference.selectors import desa_get, desa_list
from tenants.choices import VillageStatus
from tenants.models import Village

# Villages that hold a seat of their kabupaten's contract.
SEAT_STATUSES = (VillageStatus.ACTIVE, VillageStatus.SUSPENDED, VillageStatus.PROVISIONING)


def contract_for_kabupaten(kabupaten_code: str) -> Any | None:
    """The contract in force today for a kabupaten (latest start wins), or None: the
    same rule billing uses (``Contract.objects.in_force``)."""
    from control_plane.contracts.models import Contract

    return (
        Contract.objects.in_force(timezone.localdate())
        .filter(kabupaten_code=kabupaten_code)
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


def signup_history_list(signup: Signup) -> QuerySet[Signup]:
    """The other applications for the same village (a rejected one stays as history),
    newest first: what the approver reads before deciding on this one."""
    return (
        Signup.objects.filter(code=signup.code)
        .exclude(pk=signup.pk)
        .exclude(status=SignupStatus.UNVERIFIED)
        .order_by("-created_at", "-id")
    )


def signup_decider_list(kabupaten_code: str) -> list[str]:
    """E-mail addresses of whoever can decide on a sign-up of ``kabupaten_code``: the
    kabupaten's contract managers while a contract is in force (``services._may_decide``
    lets only them and operations decide), else operations staff."""
    if contract_for_kabupaten(kabupaten_code) is not None:
        managers = staff_list(role=StaffRole.CONTRACT_MANAGER, kabupaten_code=kabupaten_code)
        emails = list(managers.values_list("email", flat=True))
        if emails:
            return emails
    return list(staff_list(role=StaffRole.OPS).values_list("email", flat=True))


# --- The village a sign-up is for --------------------------------------------------------

CHOICE_LIMIT = 10  # matches listed to pick from; more means "add the kecamatan's name"
_CODE = re.compile(r"^[\d.\s]+$")


@dataclass(frozen=True)
class DesaChoice:
    """What the sign-up's village field resolved to: the chosen reference desa (or
    None), the matches to pick from, and why nothing is chosen yet (Indonesian)."""

    text: str = ""
    desa: Any | None = None
    candidates: list[Any] = field(default_factory=list)
    more: bool = False
    error: str = ""


def desa_choice_get(*, text: str = "", code: str = "") -> DesaChoice:
    """Resolve the village a person means: a picked ``code`` wins; else ``text``, a
    Kemendagri code (with or without dots) or a name, possibly with its kecamatan or
    kabupaten (``selectors.desa_list``). One match is the choice; several are listed
    to pick from; none, or nothing typed, is an error."""
    text = (text or "").strip()[:80]
    picked = (code or "").strip()
    if picked:
        desa = desa_get(picked)
        if desa is not None:
            return DesaChoice(text=text, desa=desa, candidates=[desa])
        if not text:
            return DesaChoice(
                error=_("Kode desa %(code)s tidak ditemukan dalam data Kemendagri.")
                % {"code": picked}
            )
    if not text:
        return DesaChoice(error=_("Pilih desa/kelurahan: ketik kode Kemendagri atau nama desa."))
    digits = re.sub(r"\D", "", text) if _CODE.match(text) else ""
    if len(digits) == 10:
        desa = desa_get(digits)
        if desa is None:
            return DesaChoice(
                text=text,
                error=_("Kode desa %(code)s tidak ditemukan dalam data Kemendagri.")
                % {"code": text},
            )
        return DesaChoice(text=text, desa=desa, candidates=[desa])
    rows = desa_list(q=text, limit=CHOICE_LIMIT + 1)
    more, rows = len(rows) > CHOICE_LIMIT, rows[:CHOICE_LIMIT]
    if len(rows) == 1:
        return DesaChoice(text=text, desa=rows[0], candidates=rows)
    if not rows:
        return DesaChoice(
            text=text,
            error=_(
                "Tidak ada desa/kelurahan yang cocok dengan «%(q)s». Periksa ejaannya, "
                "ketik paling sedikit 3 huruf, atau ketik kode Kemendagri desa."
            )
            % {"q": text},
        )
    message = _("Beberapa desa/kelurahan cocok: pilih desa Anda dari daftar.")
    if more:
        message += " " + _("Tambahkan nama kecamatan atau kabupaten untuk mempersempit.")
    return DesaChoice(text=text, candidates=rows, more=more, error=message)

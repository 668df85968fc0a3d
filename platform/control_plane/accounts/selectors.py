"""Reads of control-plane users: a user's own security settings, and who holds a role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai_kernel.staff_lists import users_search_filter, users_second_factor_annotate
from control_plane.accounts.models import REGION_ROLES, AccountEvent, StaffRole
from control_plane.accounts.permissions import manageable_roles, region_scope, staff_role


def device_list(*, user: Any) -> QuerySet[TOTPDevice]:
    """The user's confirmed authenticator devices, oldest first."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at", "id")


def account_event_list(*, user: Any) -> QuerySet[AccountEvent]:
    """Changes to the user's credentials, role and access, newest first, with who made
    them."""
    return AccountEvent.objects.filter(user=user).select_related("actor")


def staff_manageable_list(*, user: Any, q: str = "", role: str = "") -> QuerySet[Any]:
    """The control-plane staff ``user`` manages (``permissions.staff_manageable``): every
    staff member for operations, the camat of its kabupaten for a contract manager, none
    for the others. With the profile and ``second_factor`` (a confirmed device) in the
    same query, whatever the page size; active first. ``q`` searches name, user name and
    e-mail; ``role`` keeps one role."""
    roles = manageable_roles(user)
    if role:
        roles = tuple(r for r in roles if r == role)
    users = (
        get_user_model()
        .objects.filter(staff_profile__role__in=roles)
        .select_related("staff_profile")
        .order_by("-is_active", "username", "pk")
    )
    if staff_role(user) != StaffRole.OPS:
        users = users.filter(_in_scope(region_scope(user) or frozenset()))
    return users_search_filter(users_second_factor_annotate(users), q)


def _in_scope(scope: frozenset[str]) -> Q:
    """Staff bound to a region under one of ``scope``'s codes (none when it is empty)."""
    found = Q(pk__in=[])
    for code in scope:
        found |= Q(
            staff_profile__role=StaffRole.CONTRACT_MANAGER,
            staff_profile__kabupaten_code__startswith=code,
        ) | Q(
            staff_profile__role__in=[r for r in REGION_ROLES if r != StaffRole.CONTRACT_MANAGER],
            staff_profile__region_code__startswith=code,
        )
    return found


def staff_manageable_get(*, user: Any, account_id: int) -> Any | None:
    """One staff member ``user`` manages, or ``None`` (not staff, or not theirs)."""
    return staff_manageable_list(user=user).filter(pk=account_id).first()


def staff_list(*, role: str, kabupaten_code: str = "") -> QuerySet[Any]:
    """Active users of ``role`` who can be reached by e-mail. For contract managers,
    ``kabupaten_code`` keeps those who manage that kabupaten the way
    ``permissions.managed_kabupaten_codes`` sees it: by their profile, or as a manager of
    one of its contracts."""
    users = (
        get_user_model().objects.filter(is_active=True, staff_profile__role=role).exclude(email="")
    )
    if role == StaffRole.CONTRACT_MANAGER:
        users = users.filter(
            Q(staff_profile__kabupaten_code=kabupaten_code)
            | Q(managed_contracts__kabupaten_code=kabupaten_code)
        )
    return users.distinct().order_by("email")

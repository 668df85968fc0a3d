"""Reads of control-plane users: a user's own security settings, and who holds a role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from control_plane.accounts.models import AccountEvent, StaffRole


def device_list(*, user: Any) -> QuerySet[TOTPDevice]:
    """The user's confirmed authenticator devices, oldest first."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at", "id")


def account_event_list(*, user: Any) -> QuerySet[AccountEvent]:
    """Changes to the user's credentials, newest first."""
    return AccountEvent.objects.filter(user=user)


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

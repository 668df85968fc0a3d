"""Reads of a control-plane user's own security settings."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from control_plane.accounts.models import AccountEvent


def device_list(*, user: Any) -> QuerySet[TOTPDevice]:
    """The user's confirmed authenticator devices, oldest first."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at", "id")


def account_event_list(*, user: Any) -> QuerySet[AccountEvent]:
    """Changes to the user's credentials, newest first."""
    return AccountEvent.objects.filter(user=user)

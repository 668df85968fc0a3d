"""Budgets on searches that could be used as an oracle, audited (the audit app sits
above akun: it reads roles, akun never writes audit rows itself)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balai_kernel import abuse
from balai_kernel.actor import actor_from_request
from village_apps.akun.permissions import can_see_personal_data
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_lockout, audit_record


def _membawa_nomor_utuh(value: str) -> bool:
    """Whether a search text carries 16 digits or more: a whole NIK/KK number, however
    spaced, dashed or followed by more text (a view that cuts its input keeps it)."""
    return sum(c.isdigit() for c in value) >= 16


def nomor_pencarian_dibatasi(*params: str) -> Callable:
    """Back-office list decorator: a masked role's whole-number searches are budgeted.

    Masked roles match NIK/KK fields only by the whole number (``nomor_cocok``). That
    is still an oracle: digits 1–12 of a NIK follow from the village, birth date and sex
    a viewer sees, and serials are small, so a viewer could try ``…0001``, ``…0002``.
    Each whole-number search of a masked role in ``params`` is counted per account
    (``ABUSE_LIMITS["nomor_cari"]``) and audited without the number; over the budget
    the page answers 429 until the period ends. Editors search freely."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if can_see_personal_data(request.user) or not any(
                _membawa_nomor_utuh(request.GET.get(p, "")) for p in params
            ):
                return view(request, *args, **kwargs)
            account = str(request.user.pk)
            refused = abuse.refusal(request, "nomor_cari", account=account)
            if refused is not None:
                return render(
                    request,
                    "akun/pencarian_dibatasi.html",
                    {"menit": refused.minutes_left},
                    status=429,
                )
            actor = actor_from_request(request)
            audit_record(
                action=AuditAction.VIEW,
                object_type="pencarian_nomor",
                summary="pencarian dengan NIK/KK lengkap",
                actor=actor,
            )
            lockout = abuse.attempt_count(request, "nomor_cari", account=account)
            if lockout is not None:
                audit_lockout(
                    lockout=lockout, object_type="akun", object_id=request.user.pk, actor=actor
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator

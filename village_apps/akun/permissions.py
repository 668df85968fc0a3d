"""Who may do what inside a village. Every back-office view uses these helpers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balai_kernel import abuse
from village_apps.akun.models import VillageRole

EDITORS = (VillageRole.ADMIN, VillageRole.OPERATOR)
ALL_ROLES = (VillageRole.ADMIN, VillageRole.OPERATOR, VillageRole.VIEWER)


def village_role(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    membership = getattr(user, "membership", None)
    if membership is not None:
        return membership.role
    return VillageRole.ADMIN if getattr(user, "is_superuser", False) else None


def can_edit(user: Any) -> bool:
    return village_role(user) in EDITORS


def can_see_personal_data(user: Any) -> bool:
    """Full NIK/KK only for admins and operators; viewers see masked numbers."""
    return village_role(user) in EDITORS


def role_required(*roles: str) -> Callable:
    """Back-office view decorator: a logged-in village user with one of ``roles``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if getattr(request, "tenant", None) is None:
                raise PermissionDenied  # village pages never answer on the control plane
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), login_url="/akun/masuk/")
            if village_role(request.user) not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


viewer_required = role_required(*ALL_ROLES)
editor_required = role_required(*EDITORS)
admin_required = role_required(VillageRole.ADMIN)


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
            from village_apps.audit.models import AuditAction
            from village_apps.audit.services import audit_lockout, audit_record

            account = str(request.user.pk)
            refused = abuse.refusal(request, "nomor_cari", account=account)
            if refused is not None:
                return render(
                    request,
                    "akun/pencarian_dibatasi.html",
                    {"menit": refused.minutes_left},
                    status=429,
                )
            audit_record(
                action=AuditAction.VIEW,
                object_type="pencarian_nomor",
                summary="pencarian dengan NIK/KK lengkap",
                request=request,
            )
            lockout = abuse.attempt_count(request, "nomor_cari", account=account)
            if lockout is not None:
                audit_lockout(
                    lockout=lockout, object_type="akun", object_id=request.user.pk, request=request
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator

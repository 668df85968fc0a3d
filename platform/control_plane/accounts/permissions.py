"""Who may do what on the control plane. One place, used by every control-plane view."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from control_plane.accounts.models import SECOND_FACTOR_ROLES, StaffRole


def staff_role(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "staff_profile", None)
    return profile.role if profile else None


def second_factor_missing(request: HttpRequest) -> bool:
    """Ops staff and contract managers must have verified a TOTP device in this session."""
    role = staff_role(request.user)
    if role not in SECOND_FACTOR_ROLES:
        return False
    is_verified = getattr(request.user, "is_verified", None)
    return not (callable(is_verified) and is_verified())


def managed_kabupaten_codes(user: Any) -> set[str] | None:
    """Kabupaten codes a user may see; ``None`` means all (operations staff)."""
    role = staff_role(user)
    if role == StaffRole.OPS:
        return None
    if role == StaffRole.CONTRACT_MANAGER:
        from control_plane.contracts.models import Contract

        codes = set(Contract.objects.filter(managers=user).values_list("kabupaten_code", flat=True))
        codes.add(user.staff_profile.kabupaten_code)
        return {c for c in codes if c}
    return set()


def can_see_kabupaten(user: Any, kabupaten_code: str) -> bool:
    codes = managed_kabupaten_codes(user)
    return codes is None or kabupaten_code in codes


def staff_required(*roles: str) -> Callable:
    """View decorator: logged-in control-plane user with one of ``roles`` and, where the
    role needs it, a verified second factor. Others get the login page or 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if getattr(request, "tenant", None) is not None:
                raise PermissionDenied  # control-plane pages never answer on a village host
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            role = staff_role(request.user)
            if role not in roles:
                raise PermissionDenied
            if second_factor_missing(request):
                return redirect("accounts:otp", permanent=False)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


ops_required = staff_required(StaffRole.OPS)
manager_or_ops_required = staff_required(StaffRole.OPS, StaffRole.CONTRACT_MANAGER)

"""Who may do what inside a village. Every back-office view uses these helpers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

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

"""Who sees exact numbers on a dashboard page.

Operations staff see every region exactly; a contract manager sees its kabupaten (and
what lies below) exactly; everyone else — and staff who ask for ``?tampilan=publik`` —
sees the public, suppressed view, which a kabupaten may close below kabupaten level.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from control_plane.accounts.models import StaffRole
from control_plane.accounts.permissions import (
    can_see_kabupaten,
    managed_kabupaten_codes,
    second_factor_missing,
    staff_role,
)
from control_plane.dashboards.selectors import kabupaten_is_public


@dataclass(frozen=True)
class Access:
    allowed: bool
    exact: bool


def is_internal_user(request: HttpRequest) -> bool:
    role = staff_role(request.user)
    return role in (StaffRole.OPS, StaffRole.CONTRACT_MANAGER) and not second_factor_missing(
        request
    )


def dashboard_access(request: HttpRequest, code: str) -> Access:
    internal = is_internal_user(request) and request.GET.get("tampilan") != "publik"
    if len(code) <= 2:
        exact = internal and managed_kabupaten_codes(request.user) is None
        return Access(allowed=True, exact=exact)
    if internal and can_see_kabupaten(request.user, code[:4]):
        return Access(allowed=True, exact=True)
    if len(code) == 4:
        return Access(allowed=True, exact=False)
    return Access(allowed=kabupaten_is_public(code), exact=False)

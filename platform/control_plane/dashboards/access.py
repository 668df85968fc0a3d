"""Who sees exact numbers on a dashboard page, and who sees a region at all.

Staff whose role reads a region's figures (operations, contract managers, camat,
province officials: ``permissions.REGION_ROLES``) see the regions of their scope
exactly (``permissions.region_scope``). Everyone else — and staff who ask for
``?tampilan=publik`` — sees the public, suppressed view, which a kabupaten may close
below kabupaten level. A camat or a province official works inside their region only:
any other region answers 404 to them, their own public view included.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from control_plane.accounts.models import REGION_ROLES, StaffRole
from control_plane.accounts.permissions import (
    region_in_scope,
    region_scope,
    second_factor_missing,
    staff_role,
)
from control_plane.dashboards.selectors import kabupaten_is_public

# Roles that see nothing outside their region, not even its public view.
CONFINED_ROLES = frozenset({StaffRole.CAMAT, StaffRole.PROVINCE_OFFICIAL})


@dataclass(frozen=True)
class Access:
    allowed: bool
    exact: bool
    # The region is outside a confined role's scope: answer as if it did not exist.
    outside_scope: bool = False


def is_internal_user(request: HttpRequest) -> bool:
    role = staff_role(request.user)
    return (role == StaffRole.OPS or role in REGION_ROLES) and not second_factor_missing(request)


def dashboard_access(request: HttpRequest, code: str) -> Access:
    internal = is_internal_user(request)
    scope = region_scope(request.user) if internal else None
    in_scope = internal and region_in_scope(request.user, code, scope=scope)
    if internal and staff_role(request.user) in CONFINED_ROLES and not in_scope:
        return Access(allowed=False, exact=False, outside_scope=True)
    exact = in_scope and request.GET.get("tampilan") != "publik"
    if exact or len(code) <= 4:
        return Access(allowed=True, exact=exact)
    return Access(allowed=kabupaten_is_public(code), exact=False)

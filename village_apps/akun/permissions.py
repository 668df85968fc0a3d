"""Who may do what inside a village. Every village view declares its permission here.

A view declares one of three accesses, recorded on the view so that a test can read
it (``permission_of``) and fail on a view that declares none:

- ``@requires(module, action, writes=...)``: village staff. ``action`` is what a read
  (GET/HEAD) needs, ``writes`` what any other method needs (default: ``action``).
  A user without the right gets 403, never a page that silently changes nothing.
- ``@resident_view`` (``mandiri.session.resident_required``): residents' self-service.
- ``@public_view``: anyone (the website, sign-in pages).

Today the matrix module × action maps onto the three roles (``ROLE_ACTIONS``): viewers
view (and approve their step of a letter), operators also change/delete/export, admins
also manage the village's settings.
People-and-roles (issue 20) replaces ``ROLE_ACTIONS`` with groups as data; views keep
their declarations.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from village_apps.akun.choices import Access, Action, VillageRole

EDITORS = (VillageRole.ADMIN, VillageRole.OPERATOR)
ALL_ROLES = (VillageRole.ADMIN, VillageRole.OPERATOR, VillageRole.VIEWER)
_EDIT = frozenset({Action.VIEW, Action.APPROVE, Action.CHANGE, Action.DELETE, Action.EXPORT})
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    VillageRole.ADMIN: frozenset(Action),
    VillageRole.OPERATOR: _EDIT,
    VillageRole.VIEWER: frozenset({Action.VIEW, Action.APPROVE}),
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class Permission:
    """A view's declared permission (``view.balai_permission``)."""

    access: Access
    module: str = ""
    action: Action | None = None
    writes: Action | None = None

    def needed(self, method: str) -> Action | None:
        return self.action if method in SAFE_METHODS else self.writes


def village_role(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    membership = getattr(user, "membership", None)
    if membership is not None:
        return membership.role
    return VillageRole.ADMIN if getattr(user, "is_superuser", False) else None


def role_allows(role: str | None, module: str, action: str) -> bool:
    """Whether ``role`` may do ``action`` in ``module`` (the module is part of the
    question for the permission matrix; today's roles grant the same in every module)."""
    return role is not None and action in ROLE_ACTIONS.get(role, frozenset())


def can_edit(user: Any) -> bool:
    return village_role(user) in EDITORS


def can_see_personal_data(user: Any) -> bool:
    """Full NIK/KK only for admins and operators; viewers see masked numbers."""
    return village_role(user) in EDITORS


def _declare(view: Callable, permission: Permission) -> Callable:
    view.balai_permission = permission  # type: ignore[attr-defined]
    return view


def permission_of(view: Callable) -> Permission | None:
    """The permission a view declared (through any ``functools.wraps`` decorator, or
    on the class of a class-based view)."""
    found = getattr(view, "balai_permission", None)
    if found is None and hasattr(view, "view_class"):
        found = getattr(view.view_class, "balai_permission", None)
    return found


def requires(module: str, action: Action, *, writes: Action | None = None) -> Callable:
    """Back-office view decorator: a signed-in village user whose role grants ``action``
    in ``module`` for reads and ``writes`` (default ``action``) for other methods."""
    permission = Permission(Access.STAFF, module, action, writes or action)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if getattr(request, "tenant", None) is None:
                raise PermissionDenied  # village pages never answer on the control plane
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), login_url="/akun/masuk/")
            needed = permission.needed(request.method or "GET")
            if not role_allows(village_role(request.user), module, needed or Action.VIEW):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _declare(wrapper, permission)

    return decorator


def public_view(view: Callable) -> Callable:
    """Declares a view open to anyone (it checks nothing more)."""
    return _declare(view, Permission(Access.PUBLIC))


def resident_view(view: Callable) -> Callable:
    """Declares a view for residents with a self-service session (the check itself is
    ``mandiri.session.resident_required``)."""
    return _declare(view, Permission(Access.RESIDENT))

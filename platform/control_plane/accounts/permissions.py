"""Who may do what on the control plane. One place, used by every control-plane view.

Every view of the control-plane URLconf declares who it accepts (``tests/control_plane/
accounts/test_declarations.py`` walks the URLconf and fails on a view without one):
``staff_required(*roles)`` and the decorators built on it name staff roles,
``credential_change`` any signed-in user, ``balai_kernel.audience.open_to(PUBLIC / SIGN_IN)``
the pages with no staff role. A role bound to a region (``REGION_ROLES``) sees only
what lies in it: ``region_scope`` / ``region_in_scope`` are the one test of that, and
a region outside it answers 404 as if it did not exist."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device
from django_ratelimit.decorators import ratelimit

from balai_kernel.audience import audience_of, declared
from balai_kernel.credentials import SESSION, changes_credentials
from control_plane.accounts.models import REGION_ROLES, SECOND_FACTOR_ROLES, StaffRole

# What a session still needs before it may use the control plane.
VERIFY = "verify"  # the user has a confirmed device: enter its code
ENROL = "enrol"  # the user's role needs a second factor and has no device yet: enrol one
# POSTs to credential pages per user (django-ratelimit, blocked with 403 beyond it).
CREDENTIAL_POSTS = "20/m"


def staff_role(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "staff_profile", None)
    return profile.role if profile else None


def second_factor_step(request: HttpRequest) -> str | None:
    """``None`` when the session may act; otherwise the step it still needs.

    A user must pass a second factor when their role requires one (operations staff,
    contract managers) *or* they have a confirmed device (anyone who turned it on): a
    password alone is then only half a login. Control plane only: village staff have
    their own devices in their village's schema and their own gate
    (``village_apps.akun.permissions.second_factor_step``)."""
    if getattr(request, "tenant", None) is not None:
        return None
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    is_verified = getattr(user, "is_verified", None)
    if callable(is_verified) and is_verified():
        return None
    if user_has_device(user, confirmed=True):
        return VERIFY
    if staff_role(user) in SECOND_FACTOR_ROLES:
        return ENROL
    return None


def second_factor_missing(request: HttpRequest) -> bool:
    return second_factor_step(request) is not None


def second_factor_redirect(request: HttpRequest, step: str) -> HttpResponse:
    """The answer for a session that lacks its second factor: the code step (or first
    enrolment) for GET and HEAD, coming back to this page; 403 for anything else."""
    if request.method not in ("GET", "HEAD"):
        raise PermissionDenied
    target = reverse("accounts:otp" if step == VERIFY else "accounts:otp_enrol")
    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


def managed_kabupaten_codes(user: Any) -> set[str] | None:
    """Kabupaten codes whose contracts, sign-ups and invoices a user manages; ``None``
    means all (operations staff). Camat and province officials manage none: they see
    their region (``region_scope``), they do not run its contracts."""
    role = staff_role(user)
    if role == StaffRole.OPS:
        return None
    if role == StaffRole.CONTRACT_MANAGER:
        from control_plane.contracts.models import Contract

        codes = set(Contract.objects.filter(managers=user).values_list("kabupaten_code", flat=True))
        codes.add(user.staff_profile.kabupaten_code)
        return {c for c in codes if c}
    return set()


def region_scope(user: Any) -> frozenset[str] | None:
    """The region codes a user sees, each with everything below it; ``None`` means every
    region (operations staff), an empty set none. A contract manager: the kabupaten of
    its profile and of the contracts it manages; a camat: its kecamatan; a province
    official: its provinsi. Read once per user object (a request asks several times)."""
    cached = getattr(user, "_balai_region_scope", False)
    if cached is not False:
        return cached
    scope = _region_scope(user)
    if getattr(user, "is_authenticated", False):
        user._balai_region_scope = scope
    return scope


def _region_scope(user: Any) -> frozenset[str] | None:
    role = staff_role(user)
    if role not in REGION_ROLES:
        return None if role == StaffRole.OPS else frozenset()
    if role == StaffRole.CONTRACT_MANAGER:
        return frozenset(managed_kabupaten_codes(user) or ())
    code = user.staff_profile.scope_code
    return frozenset({code}) if len(code) == REGION_ROLES[role] else frozenset()


def region_in_scope(user: Any, code: str, *, scope: frozenset[str] | None = None) -> bool:
    """Whether the region (or village) ``code`` lies within the user's scope (``scope``:
    the user's, when the caller already holds it)."""
    scope = region_scope(user) if scope is None else scope
    return scope is None or any(code.startswith(c) for c in scope)


# Whom each role may invite, within its own scope (``region_in_scope``): operations staff
# any staff role (sign-up operators sign up themselves), a contract manager its
# kabupaten's managers and the camat of the kecamatan in it.
INVITABLE_ROLES: dict[str, tuple[str, ...]] = {
    StaffRole.OPS: (
        StaffRole.OPS,
        StaffRole.CONTRACT_MANAGER,
        StaffRole.CAMAT,
        StaffRole.PROVINCE_OFFICIAL,
    ),
    StaffRole.CONTRACT_MANAGER: (StaffRole.CONTRACT_MANAGER, StaffRole.CAMAT),
}


def invitable_roles(user: Any) -> tuple[str, ...]:
    return INVITABLE_ROLES.get(staff_role(user) or "", ())


# Whose account each role manages on the staff pages (list, role and region,
# deactivation), within its own scope: operations staff every staff role, a contract
# manager the camat of the kecamatan in its kabupaten (moving one to another kecamatan of
# the same kabupaten, nothing else: ``services.staff_role_update``).
MANAGEABLE_ROLES: dict[str, tuple[str, ...]] = {
    StaffRole.OPS: INVITABLE_ROLES[StaffRole.OPS],
    StaffRole.CONTRACT_MANAGER: (StaffRole.CAMAT,),
}


def manageable_roles(user: Any) -> tuple[str, ...]:
    return MANAGEABLE_ROLES.get(staff_role(user) or "", ())


def staff_manageable(user: Any, account: Any) -> bool:
    """Whether ``user`` manages ``account``: a role it manages, bound to a region within
    its scope. The one test behind the staff list, its pages and its services (whoever
    is not managed answers 404 there, as if they did not exist)."""
    profile = getattr(account, "staff_profile", None)
    if profile is None or profile.role not in manageable_roles(user):
        return False
    return staff_role(user) == StaffRole.OPS or region_in_scope(user, profile.scope_code)


def can_see_kabupaten(user: Any, kabupaten_code: str) -> bool:
    return region_in_scope(user, kabupaten_code)


def _refusal(
    request: HttpRequest, *, roles: tuple[str, ...] | None = None, first_device: bool = False
) -> HttpResponse | None:
    """Why a control-plane page must not open for this request (a response, or
    ``PermissionDenied``), else ``None``: a village host, no login, a role not among
    ``roles`` (``None``: any), or a second factor still missing (``first_device``: a
    session that must enrol may open this page)."""
    if getattr(request, "tenant", None) is not None:
        raise PermissionDenied  # control-plane pages never answer on a village host
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if roles is not None and staff_role(request.user) not in roles:
        raise PermissionDenied
    step = second_factor_step(request)
    if step is not None and not (first_device and step == ENROL):
        return second_factor_redirect(request, step)
    return None


def _guarded(view: Callable[..., HttpResponse], **rules: Any) -> Callable[..., HttpResponse]:
    """``view`` behind ``_refusal(**rules)``, carrying its declaration."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = _refusal(request, **rules)
        return refused if refused is not None else view(request, *args, **kwargs)

    wrapper.balai_staff_roles = rules.get("roles") or ANY_ROLE  # type: ignore[attr-defined]
    return wrapper


# The declaration of a page any signed-in control-plane user may open (own account).
ANY_ROLE: tuple[str, ...] = ()


def staff_roles_of(view: Callable) -> tuple[str, ...] | None:
    """The roles a view's decorator lets in (``ANY_ROLE``: every signed-in user),
    ``None`` for a page that declares none (``open_to``, or undeclared)."""
    return declared(view, "balai_staff_roles")


def access_of(view: Callable) -> tuple[str, ...] | str | None:
    """A view's declaration: the staff roles it accepts, ``PUBLIC`` or ``SIGN_IN``;
    ``None`` for a view that declares nothing (which the URLconf sweep refuses)."""
    roles = staff_roles_of(view)
    return roles if roles is not None else audience_of(view)


def staff_required(*roles: str) -> Callable:
    """View decorator: logged-in control-plane user with one of ``roles`` and, where the
    user has or needs it, a verified second factor. Others get the login page or 403."""
    return lambda view: _guarded(view, roles=roles)


def credential_change(
    view: Callable[..., HttpResponse] | None = None, *, first_device: bool = False
) -> Any:
    """View decorator for pages that change the user's own credentials (password, e-mail,
    second-factor devices): a logged-in control-plane user (any role) whose session has
    passed the second factor whenever the user has or needs one; at most
    ``CREDENTIAL_POSTS`` POSTs a minute per user across these pages. ``first_device``: the
    enrolment page, which a half-logged-in session may use only while its user has no
    confirmed device (the first enrolment of a role that needs one)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        # Each credential form asks for the current password (or a code): bounded per
        # user across all of them, so a stolen session can not guess its way through.
        limited = ratelimit(
            group="credential_change", key="user", rate=CREDENTIAL_POSTS, method="POST"
        )(view)
        return changes_credentials(SESSION)(_guarded(limited, first_device=first_device))

    return decorator(view) if view is not None else decorator


ops_required = staff_required(StaffRole.OPS)
manager_or_ops_required = staff_required(StaffRole.OPS, StaffRole.CONTRACT_MANAGER)
# Every role that reads a region's exact figures (its dashboards and villages' status).
region_staff_required = staff_required(StaffRole.OPS, *REGION_ROLES)

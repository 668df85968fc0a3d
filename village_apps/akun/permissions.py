"""Who may do what inside a village. Every village view declares its permission here.

A view declares one of four accesses, recorded on the view so that a test can read it
(``permission_of``) and fail on a view that declares none:

- ``@requires(module, action, writes=...)``: village staff. ``action`` is what a read
  (GET/HEAD) needs, ``writes`` what any other method needs (default: ``action``).
  A user without the right gets 403, never a page that silently changes nothing.
- ``@own_account_view``: any signed-in staff member, for their own account (password,
  second factor, sign-in history).
- ``@resident_view`` (``mandiri.session.resident_required``): residents' self-service.
- ``@public_view``: anyone (the website, sign-in pages).

**Roles are data.** A user's role is a ``Peran`` row whose grants (``"<module>.<action>"``)
form the permission matrix the admin edits; the admin role holds every right. One query
per request loads the user's role, grants, flags and whether they have a second-factor
device (:func:`staff_grants`, cached on the request's user object), so checking many
permissions on one page costs nothing more. A module the village's plan switches off
is refused whatever the role grants (``tenants.modules``).

**Second factor and first password.** Before any staff page a session must have passed
the second factor when its user has a confirmed device or their role requires one, and
a user whose password was made by the admin (shown once) must choose their own: GET
answers with a redirect to the missing step, anything else 403.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_ratelimit.decorators import ratelimit

from balai_kernel.credentials import SESSION, changes_credentials
from village_apps.akun.choices import Access, Action, VillageRole
from village_apps.akun.roles import ADMIN_ONLY_MODULES, BUILTIN_ROLES, LEGACY_ROLES

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOGIN_URL = "/akun/masuk/"
# What a session still needs before it may use the back office.
VERIFY = "verify"  # the user has a confirmed device: enter its code
ENROL = "enrol"  # the user's role needs a second factor and they have no device yet
NEW_PASSWORD = "password"  # noqa: S105 - a step: the admin made the password, choose your own
STEP_URLS = {
    VERIFY: "/akun/otp/",
    ENROL: "/kelola/akun/saya/otp/",
    NEW_PASSWORD: "/kelola/akun/saya/sandi/",
}
# POSTs to own-credential pages per user (django-ratelimit; 403 beyond it).
CREDENTIAL_POSTS = "20/m"
# Where a signed-in user lands: the operators' home (``village_apps.kelola``), which
# every staff member may open and which shows what their role may act on.
HOME = "/kelola/"
OWN_HOME = "/kelola/akun/saya/"


@dataclass(frozen=True, slots=True)
class Permission:
    """A view's declared permission (``view.balai_permission``)."""

    access: Access
    module: str = ""
    action: Action | None = None
    writes: Action | None = None

    def needed(self, method: str) -> Action | None:
        return self.action if method in SAFE_METHODS else self.writes


@dataclass(frozen=True, slots=True)
class Grants:
    """What one village user's role allows, and what their session still needs."""

    role: str | None
    hak: frozenset[str] = frozenset()
    semua: bool = False  # the admin role: every right
    lihat_nik: bool = False
    wajib_otp: bool = False
    has_device: bool = False
    ganti_sandi: bool = False
    jabatan: str = ""

    def allows(self, module: str, action: str) -> bool:
        if self.role is None:
            return False
        if self.semua:
            return True
        return module not in ADMIN_ONLY_MODULES and f"{module}.{action}" in self.hak

    @property
    def any_change(self) -> bool:
        return self.semua or any(h.endswith(f".{Action.CHANGE}") for h in self.hak)


NO_GRANTS = Grants(role=None)


class RoleName(str):
    """A role's slug (what ``village_role`` returns) carrying the grants it was read
    with, so ``role_allows(village_role(user), …)`` asks the database nothing more."""

    grants: Grants


def _builtin(slug: str) -> dict[str, Any] | None:
    """A built-in role's defaults, for a schema not yet seeded (a fleet upgrade window)."""
    role = BUILTIN_ROLES.get(LEGACY_ROLES.get(slug, slug))
    if role is None:
        return None
    return {"hak": sorted(role.hak), "nik": role.lihat_nik, "otp": False, "semua": role.semua}


def _grants_from(slug: str, peran: dict[str, Any] | None, **extra: Any) -> Grants:
    peran = peran or _builtin(slug)
    if peran is None:
        return NO_GRANTS
    role = LEGACY_ROLES.get(slug, slug)
    return Grants(
        role=role,
        hak=frozenset(peran.get("hak") or ()),
        semua=role == VillageRole.ADMIN,
        lihat_nik=bool(peran.get("nik")) or role == VillageRole.ADMIN,
        wajib_otp=bool(peran.get("otp")),
        **extra,
    )


def _in_village() -> bool:
    from django_tenants.utils import get_public_schema_name

    return getattr(connection, "schema_name", None) not in (None, get_public_schema_name())


def _load(user: Any) -> Grants:
    from django.db.models import Exists, OuterRef, Subquery
    from django.db.models.functions import JSONObject
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from village_apps.akun.models import Membership, Peran

    peran = Peran.objects.filter(slug=OuterRef("role_id")).values(
        j=JSONObject(hak="hak", nik="lihat_nik", otp="wajib_otp")
    )
    device = TOTPDevice.objects.filter(user_id=OuterRef("user_id"), confirmed=True)
    row = (
        Membership.objects.filter(user_id=user.pk)
        .annotate(peran=Subquery(peran[:1]), perangkat=Exists(device))
        .values("role_id", "jabatan", "ganti_sandi", "peran", "perangkat")
        .first()
    )
    if row is None:
        if getattr(user, "is_superuser", False):
            return _grants_from(VillageRole.ADMIN, None)
        return NO_GRANTS
    return _grants_from(
        row["role_id"],
        row["peran"],
        has_device=row["perangkat"],
        ganti_sandi=row["ganti_sandi"],
        jabatan=row["jabatan"],
    )


def staff_grants(user: Any) -> Grants:
    """The grants of a village user (none for anyone else), read once per user object:
    a request's ``request.user`` lives as long as the request."""
    if not getattr(user, "is_authenticated", False) or not _in_village():
        return NO_GRANTS
    cached = getattr(user, "_balai_grants", None)
    if cached is None:
        cached = _load(user)
        user._balai_grants = cached
    return cached


def staff_grants_forget(user: Any) -> None:
    """Drop the grants cached on ``user`` (after its role changed in this request)."""
    try:
        delattr(user, "_balai_grants")
    except AttributeError:
        pass


def role_grants_get(slug: str) -> Grants:
    """The grants of a role by its slug (one query)."""
    from village_apps.akun.models import Peran

    row = (
        Peran.objects.filter(slug=LEGACY_ROLES.get(slug, slug))
        .values("hak", "lihat_nik", "wajib_otp")
        .first()
    )
    peran = (
        None
        if row is None
        else {"hak": row["hak"], "nik": row["lihat_nik"], "otp": row["wajib_otp"]}
    )
    return _grants_from(slug, peran)


def module_on(module: str) -> bool:
    """Whether the village's plan includes ``module`` (a URL namespace); in memory."""
    from tenants.modules import module_enabled, module_for_namespace

    found = module_for_namespace(module)
    return found is None or module_enabled(getattr(connection, "tenant", None), found.code)


def village_role(user: Any) -> RoleName | None:
    """The slug of the user's role (carrying its grants), or ``None``."""
    grants = staff_grants(user)
    if grants.role is None:
        return None
    name = RoleName(grants.role)
    name.grants = grants
    return name


def role_allows(role: str | None, module: str, action: str) -> bool:
    """Whether ``role`` (a slug, best the one ``village_role`` returns) may do ``action``
    in ``module``, and the village's plan includes the module."""
    if role is None:
        return False
    grants = getattr(role, "grants", None) or role_grants_get(str(role))
    return grants.allows(module, action) and module_on(module)


def user_allows(user: Any, module: str, action: str) -> bool:
    """Whether ``user`` may do ``action`` in ``module`` (role grants and the plan)."""
    return staff_grants(user).allows(module, action) and module_on(module)


def can_edit(user: Any, module: str | None = None) -> bool:
    """May change data in ``module`` (without one: in some module)."""
    if module is not None:
        return user_allows(user, module, Action.CHANGE)
    return staff_grants(user).any_change


def can_see_personal_data(user: Any) -> bool:
    """Full NIK/KK numbers only for roles that hold "lihat NIK/KK lengkap"; every other
    role sees masked numbers."""
    grants = staff_grants(user)
    return grants.semua or grants.lihat_nik


def second_factor_step(request: HttpRequest) -> str | None:
    """``None`` when the session may act; otherwise the step it still needs
    (``VERIFY``, ``ENROL`` or ``NEW_PASSWORD``)."""
    user = request.user
    grants = staff_grants(user)
    if grants.role is None:
        return None
    is_verified = getattr(user, "is_verified", None)
    if not (callable(is_verified) and is_verified()):
        if grants.has_device:
            return VERIFY
        if grants.wajib_otp:
            return ENROL
    return NEW_PASSWORD if grants.ganti_sandi else None


def step_redirect(request: HttpRequest, step: str) -> HttpResponse:
    """The answer for a session that still needs ``step``: the step's page for GET and
    HEAD, coming back here afterwards; 403 for anything else."""
    if request.method not in ("GET", "HEAD"):
        raise PermissionDenied
    return redirect(f"{STEP_URLS[step]}?{urlencode({'next': request.get_full_path()})}")


def landing_url(user: Any) -> str:
    """Where a staff member lands after signing in: the operators' home, whatever their
    role (it shows and links only what the role may open)."""
    return HOME


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


def _refusal(request: HttpRequest, allow: Iterable[str] = ()) -> HttpResponse | None:
    """Why a back-office page must not open: a control-plane host (403), no login (the
    login page), or a step the session still needs (unless ``allow`` lets it in)."""
    if getattr(request, "tenant", None) is None:
        raise PermissionDenied  # village pages never answer on the control plane
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=LOGIN_URL)
    step = second_factor_step(request)
    if step is not None and step not in allow:
        return step_redirect(request, step)
    return None


def requires(module: str, action: Action, *, writes: Action | None = None) -> Callable:
    """Back-office view decorator: a signed-in village user whose role grants ``action``
    in ``module`` for reads and ``writes`` (default ``action``) for other methods."""
    permission = Permission(Access.STAFF, module, action, writes or action)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            refused = _refusal(request)
            if refused is not None:
                return refused
            needed = permission.needed(request.method or "GET")
            if not user_allows(request.user, module, needed or Action.VIEW):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _declare(wrapper, permission)

    return decorator


def own_account_view(
    view: Callable | None = None, *, allow: Iterable[str] = (), credential: bool = False
) -> Any:
    """A signed-in village staff member on their own account, whatever their role.
    ``allow``: steps a session may still be missing here (the code step itself, the
    first enrolment, the first password). ``credential``: the page changes a credential
    (``balai_kernel.credentials``): at most ``CREDENTIAL_POSTS`` POSTs a minute per user."""
    allowed = frozenset(allow)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        inner = view
        if credential:
            inner = ratelimit(
                group="village_credential", key="user", rate=CREDENTIAL_POSTS, method="POST"
            )(view)

        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            refused = _refusal(request, allowed)
            if refused is not None:
                return refused
            if staff_grants(request.user).role is None:
                raise PermissionDenied  # an account of this schema with no staff role
            return inner(request, *args, **kwargs)

        if credential:
            changes_credentials(SESSION)(wrapper)
        return _declare(wrapper, Permission(Access.OWN))

    return decorator(view) if view is not None else decorator


def public_view(view: Callable) -> Callable:
    """Declares a view open to anyone (it checks nothing more)."""
    return _declare(view, Permission(Access.PUBLIC))


def resident_view(view: Callable) -> Callable:
    """Declares a view for residents with a self-service session (the check itself is
    ``mandiri.session.resident_required``)."""
    return _declare(view, Permission(Access.RESIDENT))

"""Reads of the akun app: staff, roles and the permission matrix, sign-in history.
Run in the current village schema."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.translation import gettext as _

from balai_kernel.staff_lists import users_search_filter, users_second_factor_annotate
from village_apps.akun.choices import Access, Action, VillageRole
from village_apps.akun.models import Membership, Peran, RiwayatMasuk
from village_apps.akun.permissions import module_on, permission_of
from village_apps.akun.roles import ADMIN_ONLY_MODULES, MODULE_LABELS
from village_apps.contracts import VillageAccount

# Matrix columns, in this order.
MATRIX_ACTIONS = (
    Action.VIEW,
    Action.CHANGE,
    Action.DELETE,
    Action.EXPORT,
    Action.APPROVE,
    Action.MANAGE,
)


def staff_list(*, q: str = "") -> QuerySet:
    """Village staff (accounts with a role), with their role, office, last sign-in and
    whether they have a second factor; one query whatever the page size. ``q`` searches
    the user name, name, e-mail and office."""
    users = (
        get_user_model()
        .objects.filter(membership__isnull=False)
        .select_related("membership__role")
        .order_by("-is_active", "username")
    )
    return users_search_filter(users_second_factor_annotate(users), q, "membership__jabatan")


def staff_get(*, account_id: int) -> Any:
    return staff_list().get(pk=account_id)


def staff_by_username_get(*, username: str) -> Any:
    """A staff account by its user name (a ``ValidationError`` naming it when none)."""
    found = get_user_model().objects.filter(username=username, membership__isnull=False).first()
    if found is None:
        raise ValidationError(_("Staf %(username)s tidak ditemukan.") % {"username": username})
    return found


def _summary(u: Any) -> dict[str, Any]:
    return {
        "username": u.username,
        "role": u.membership.role_id,
        "jabatan": u.membership.jabatan,
        "active": u.is_active,
        "second_factor": u.second_factor,
    }


def staff_summary_list() -> list[dict[str, Any]]:
    """Every staff account as the CLI prints it (``villages users SLUG list``)."""
    return [_summary(u) for u in staff_list().order_by("username")]


def staff_summary_get(*, account_id: int) -> dict[str, Any]:
    return _summary(staff_get(account_id=account_id))


def peran_list() -> QuerySet[Peran]:
    """Roles, built-ins first, with how many active accounts hold each."""
    return Peran.objects.annotate(
        jumlah=Count("anggota", filter=Q(anggota__user__is_active=True))
    ).order_by("-bawaan", "nama")


def peran_get(*, slug: str) -> Peran:
    return Peran.objects.get(slug=slug)


def peran_nama_get(*, slug: str) -> str:
    """A role's name ("" for none)."""
    return Peran.objects.filter(slug=slug).values_list("nama", flat=True).first() or ""


def peran_slug_filter(*, slugs: list[str]) -> set[str]:
    """Those of ``slugs`` that name an existing role."""
    return set(Peran.objects.filter(slug__in=slugs).values_list("slug", flat=True))


def peran_choice_list() -> list[tuple[str, str]]:
    """(slug, name) of every role, built-ins first."""
    return list(Peran.objects.order_by("-bawaan", "nama").values_list("slug", "nama"))


def riwayat_masuk_list(*, account_id: int, limit: int = 20) -> list[RiwayatMasuk]:
    """The account's latest sign-in attempts, newest first."""
    return list(RiwayatMasuk.objects.filter(user_id=account_id)[:limit])


@dataclass(frozen=True)
class MatrixRow:
    """One module of the permission matrix: the actions its views declare."""

    module: str
    label: Any
    actions: tuple[str, ...]


@functools.cache
def _declared() -> dict[str, frozenset[str]]:
    """Module → the actions some village view of it requires (read from the village
    URLconf, so a new app or view appears in the matrix by itself)."""
    found: dict[str, set[str]] = {}

    def walk(patterns: list) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns)
            elif isinstance(p, URLPattern):
                permission = permission_of(p.callback)
                if permission is not None and permission.access == Access.STAFF:
                    found.setdefault(permission.module, set()).update(
                        a for a in (permission.action, permission.writes) if a
                    )

    from django.conf import settings

    walk(get_resolver(settings.ROOT_URLCONF).url_patterns)
    return {m: frozenset(a) for m, a in found.items()}


def matrix_rows_list() -> list[MatrixRow]:
    """The matrix's rows for this village: every module a view declares, but the
    admin's own and those the village's plan switches off."""
    rows = []
    for module, label in MODULE_LABELS.items():
        actions = _declared().get(module)
        if not actions or module in ADMIN_ONLY_MODULES or not module_on(module):
            continue
        rows.append(MatrixRow(module, label, tuple(a for a in MATRIX_ACTIONS if a in actions)))
    return rows


def village_admin_list() -> list[VillageAccount]:
    """The village's active admin accounts, by username (runs in the village schema)."""
    rows = (
        Membership.objects.filter(role_id=VillageRole.ADMIN, user__is_active=True)
        .order_by("user__username")
        .values_list("user__username", "user__email")
    )
    return [VillageAccount(username=u, email=e, role=VillageRole.ADMIN) for u, e in rows]

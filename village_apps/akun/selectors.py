"""Reads of the akun app (the staff list of people-and-roles lands here)."""

from __future__ import annotations

from village_apps.akun.choices import VillageRole
from village_apps.akun.models import Membership
from village_apps.contracts import VillageAccount


def village_admin_list() -> list[VillageAccount]:
    """The village's active admin accounts, by username (runs in the village schema)."""
    rows = (
        Membership.objects.filter(role=VillageRole.ADMIN, user__is_active=True)
        .order_by("user__username")
        .values_list("user__username", "user__email")
    )
    return [VillageAccount(username=u, email=e, role=VillageRole.ADMIN) for u, e in rows]

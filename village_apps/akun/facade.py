"""What the rest of Balai may call in the akun app, inside a village context: the
``Accounts`` contract (``village_apps.contracts``). Operations name accounts by user
name; the services take ids."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from village_apps.akun import selectors, services
from village_apps.akun.selectors import village_admin_list
from village_apps.akun.services import village_user_create
from village_apps.contracts import StaffMember

__all__ = [
    "village_admin_list",
    "village_staff_add",
    "village_staff_list",
    "village_staff_resume",
    "village_staff_role_update",
    "village_staff_suspend",
    "village_user_create",
    "village_user_password_link_get",
]


def _account_id(username: str) -> int:
    return selectors.staff_by_username_get(username=username).pk


def _member(account_id: int) -> StaffMember:
    return StaffMember(**selectors.staff_summary_get(account_id=account_id))


def village_user_password_link_get(*, username: str) -> str:
    """The one-time set-password URL of the account ``username``."""
    return services.village_user_password_link_get(
        account=selectors.staff_by_username_get(username=username)
    )


def village_staff_list() -> list[StaffMember]:
    return [StaffMember(**row) for row in selectors.staff_summary_list()]


def village_staff_add(
    *, username: str, role: str, email: str = "", password: str = "", actor: Any
) -> StaffMember:
    """With ``password``: the account signs in with it and must choose its own at first
    sign-in. Without: an invitation to ``email`` (a set-password link)."""
    if password:
        account = village_user_create(
            username=username,
            role=role,
            email=email,
            password=password,
            ganti_sandi=True,
            actor=actor,
        )
    elif email:
        account = services.village_user_invite(
            username=username, email=email, role=role, actor=actor
        )
    else:
        raise ValidationError(_("Isi e-mail (undangan) atau kata sandi awal."))
    return _member(account.pk)


def village_staff_role_update(*, username: str, role: str, actor: Any) -> StaffMember:
    account_id = _account_id(username)
    services.village_user_role_update(account_id=account_id, role=role, actor=actor)
    return _member(account_id)


def village_staff_suspend(*, username: str, actor: Any) -> StaffMember:
    account_id = _account_id(username)
    services.village_user_suspend(account_id=account_id, actor=actor)
    return _member(account_id)


def village_staff_resume(*, username: str, actor: Any) -> StaffMember:
    account_id = _account_id(username)
    services.village_user_resume(account_id=account_id, actor=actor)
    return _member(account_id)

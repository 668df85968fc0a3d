from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from balai_kernel.abuse import ACCOUNT, Lockout, account_name
from balai_kernel.actor import Actor
from village_apps.akun.models import Membership, VillageRole
from village_apps.akun.signals import village_login_locked_out, village_user_password_set


@transaction.atomic
def village_user_create(
    *,
    username: str,
    role: str = VillageRole.OPERATOR,
    email: str = "",
    password: str | None = None,
    jabatan: str = "",
) -> Any:
    """Create a village user with a role. Without a password the account waits for its
    set-password link. Runs in the current village schema."""
    User = get_user_model()
    user = User(username=username, email=email)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    Membership.objects.create(user=user, role=role, jabatan=jabatan)
    return user


@transaction.atomic
def village_user_password_update(*, account: Any, password: str, actor: Actor) -> Any:
    """Set a village user's password (the e-mailed set-password link). Every session of
    the user made with the old password ends: Django keeps a fingerprint of the password
    hash in each session and checks it on every request. Audited (no secret in the row)."""
    account.set_password(password)
    account.save(update_fields=["password"])
    village_user_password_set.send(sender=village_user_password_update, user=account, actor=actor)
    return account


def login_lockout_record(*, lockout: Lockout, username: str, actor: Actor) -> None:
    """Announce a lockout of the operator login (audited by the audit app) (runs in the village's schema). The row
    carries the account's id when the name tried (in any spelling the login form
    resolves to it) is an account here, never the name."""
    account_id: Any = ""
    if ACCOUNT in lockout.kinds:
        account_id = (
            get_user_model()
            .objects.filter(username=account_name(username))
            .values_list("pk", flat=True)
            .first()
            or ""
        )
    village_login_locked_out.send(
        sender=login_lockout_record, lockout=lockout, account_id=account_id, actor=actor
    )

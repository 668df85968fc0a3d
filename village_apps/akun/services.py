from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from village_apps.akun.models import Membership, VillageRole


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

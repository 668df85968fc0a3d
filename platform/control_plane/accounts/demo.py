"""Demo accounts: an operations user and Lampung Selatan's contract manager, each with
a TOTP device whose (published, demo-only) secret the banner prints."""

from __future__ import annotations

import base64
from typing import Any

DEMO_PASSWORD = "demo-balai-2026"  # noqa: S105 - published demo credential (every demo login)

DEMO_STAFF = [
    # (username, role, kabupaten, TOTP key in hex — demo only, printed in the banner)
    ("ops@balai.demo", "ops", "", "62616c61692d64656d6f2d6f70732d7365637265"),
    ("lamsel@balai.demo", "contract_manager", "1801", "62616c61692d64656d6f2d6c616d73656c2d3031"),
]


def totp_secret(hex_key: str) -> str:
    """Base32 form of a key, as authenticator apps take it."""
    return base64.b32encode(bytes.fromhex(hex_key)).decode()


def load_demo(*, villages: list[Any]) -> None:
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from control_plane.accounts.models import StaffProfile
    from control_plane.contracts.models import Contract

    User = get_user_model()
    for username, role, kabupaten, key in DEMO_STAFF:
        user, created = User.objects.get_or_create(username=username, defaults={"email": username})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        StaffProfile.objects.get_or_create(
            user=user, defaults={"role": role, "kabupaten_code": kabupaten}
        )
        TOTPDevice.objects.get_or_create(
            user=user, name="Demo", defaults={"key": key, "confirmed": True}
        )
        if kabupaten:
            for contract in Contract.objects.filter(kabupaten_code=kabupaten):
                contract.managers.add(user)

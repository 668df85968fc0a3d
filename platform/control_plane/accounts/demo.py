"""Demo accounts: an operations user, Lampung Selatan's contract manager, the camat of
Natar and a Lampung province official, each with a TOTP device whose (published,
demo-only) secret the banner prints."""

from __future__ import annotations

import base64
from typing import Any

DEMO_PASSWORD = "demo-balai-2026"  # noqa: S105 - published demo credential (every demo login)

DEMO_STAFF = [
    # (username, role, region it is bound to, TOTP key in hex — demo only, in the banner)
    ("ops@balai.demo", "ops", "", "62616c61692d64656d6f2d6f70732d7365637265"),
    ("lamsel@balai.demo", "contract_manager", "1801", "62616c61692d64656d6f2d6c616d73656c2d3031"),
    ("natar@balai.demo", "camat", "180104", "62616c61692d64656d6f2d6e617461722d303031"),
    ("lampung@balai.demo", "province_official", "18", "62616c61692d64656d6f2d6c616d70756e673031"),
]


def totp_secret(hex_key: str) -> str:
    """Base32 form of a key, as authenticator apps take it."""
    return base64.b32encode(bytes.fromhex(hex_key)).decode()


def load_demo(*, villages: list[Any]) -> None:
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from control_plane.accounts.models import StaffProfile, StaffRole
    from control_plane.contracts.models import Contract

    User = get_user_model()
    for username, role, region, key in DEMO_STAFF:
        manager = role == StaffRole.CONTRACT_MANAGER
        user, created = User.objects.get_or_create(username=username, defaults={"email": username})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        StaffProfile.objects.get_or_create(
            user=user,
            defaults={"role": role, "kabupaten_code" if manager else "region_code": region},
        )
        TOTPDevice.objects.get_or_create(
            user=user, name="Demo", defaults={"key": key, "confirmed": True}
        )
        if manager:
            for contract in Contract.objects.filter(kabupaten_code=region):
                contract.managers.add(user)

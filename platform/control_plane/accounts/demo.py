"""Demo accounts: an operations user, Lampung Selatan's contract manager, the camat of
Natar and a Lampung province official, each with a TOTP device whose (published,
demo-only) secret the banner prints; and in every demo village, beside the admin made
at provisioning, the office's other staff (operator, secretary, head, a read-only
reviewer), so the roles and the letter approval chain can be tried at once."""

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


DEMO_VILLAGE_STAFF = [
    # (username, built-in role, jabatan, name) — same password as every demo login
    ("operator", "operator", "Operator Desa", "Rina Wulandari"),
    ("sekdes", "sekdes", "Sekretaris Desa", "Bambang Hermawan"),
    ("kades", "kades", "Kepala Desa", "Suparman"),
    ("peninjau", "peninjau", "Peninjau", "Dewi Lestari"),
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
    for village in villages:
        _village_staff_load(village)


def _village_staff_load(village: Any) -> None:
    """The demo village's office staff, through the village's ``Accounts`` facade."""
    from django.contrib.auth import get_user_model

    from balai_kernel.actor import Actor
    from tenants.context import village_context
    from village_apps.contracts import Accounts, facade_get

    village_user_create = facade_get("akun", Accounts).village_user_create
    with village_context(village):
        existing = set(get_user_model().objects.values_list("username", flat=True))
        for username, role, jabatan, nama in DEMO_VILLAGE_STAFF:
            if username not in existing:
                village_user_create(
                    username=username,
                    role=role,
                    password=DEMO_PASSWORD,
                    jabatan=jabatan,
                    nama=nama,
                    actor=Actor.named("demo"),
                )

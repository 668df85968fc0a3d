"""Builders for the objects most tests need, made the way the product makes them.

Village builders run in the current village schema (wrap them in
``village_context(village)``) unless they take a ``village``; control-plane builders
run on the public schema.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.test import Client
from django_tenants.utils import get_public_schema_name, schema_context

#: Password of every village user made here.
PASSWORD = "sandi-kuat-12345"
#: Password of every control-plane staff member made here.
STAFF_PASSWORD = "sandi-panel-uji-2026"
VILLAGE_ROLES = ("admin", "operator", "peninjau")


# --- Village users and clients ----------------------------------------------------------------


def village_user_make(village, *, role: str, username: str | None = None, **extra: Any):
    """A village user with ``role`` (a role's slug: admin, operator, peninjau, …) and the
    password ``PASSWORD``,
    made through ``village_user_create`` inside ``village``."""
    from tenants.context import village_context
    from village_apps.akun.services import village_user_create

    extra.setdefault("password", PASSWORD)
    with village_context(village):
        return village_user_create(username=username or f"uji-{role}", role=role, **extra)


def village_users_make(village, roles=VILLAGE_ROLES, *, prefix: str = "uji") -> dict[str, Any]:
    """One user per role, named ``<prefix>-<role>``."""
    return {
        role: village_user_make(village, role=role, username=f"{prefix}-{role}") for role in roles
    }


def village_login(client: Client, user, village) -> Client:
    """``force_login`` inside the village schema (the session and ``last_login`` live there)."""
    from tenants.context import village_context

    with village_context(village):
        client.force_login(user)
    return client


def village_client_for(village, user) -> Client:
    """A new client on the village's host, logged in as ``user``."""
    return village_login(Client(HTTP_HOST=village.host), user, village)


# --- Village data (current village schema) ----------------------------------------------------


def wilayah_make(*, dusun: str = "Mawar", rw: str = "002", rt: str = "001"):
    """The RT leaf (dusun → RW → RT), created with its parents when missing."""
    from village_apps.wilayah.services import wilayah_ensure

    return wilayah_ensure(dusun=dusun, rw=rw, rt=rt)


def keluarga_make(*, no_kk: str | None = None, wilayah=None, **extra: Any):
    """A new family (KK) through ``keluarga_create``; a random KK number by default
    (transactional tests leave rows behind)."""
    from village_apps.keluarga.services import keluarga_create

    no_kk = no_kk or f"18010420{secrets.randbelow(10**8):08d}"
    return keluarga_create(no_kk=no_kk, wilayah=wilayah or wilayah_make(), **extra)


def penduduk_make(*, keluarga=None, **data: Any):
    """A living resident through ``penduduk_create``: head of a new family unless
    ``keluarga`` (and ``kk_level``) say otherwise; a random NIK by default."""
    from village_apps.penduduk.services import penduduk_create

    keluarga = keluarga or keluarga_make()
    fields = {
        "nik": f"18010441{secrets.randbelow(10**8):08d}",
        "nama": "Budi Santoso",
        "sex": 1,
        "tempatlahir": "Lampung Selatan",
        "tanggallahir": dt.date(1990, 5, 17),
        "agama_id": 1,
        "kk_level": 1,
        "keluarga": keluarga,
        "wilayah": keluarga.wilayah,
        **data,
    }
    return penduduk_create(data=fields).penduduk


#: The head of every session village (``tests/conftest.py``): letters need a signer.
KEPALA_DESA = "Suryadi Wijaya"


def village_head_set(village, *, nama: str = KEPALA_DESA) -> None:
    """Give ``village`` a village head in its profile (the default signer of letters),
    kept when one is already set. Written directly, like provisioning's seed: no audit
    row for tests that count the admin's edits."""
    from tenants.context import village_context
    from village_apps.profil.models import ProfilDesa

    with village_context(village):
        ProfilDesa.objects.filter(pk=1, nama_kepala_desa="").update(nama_kepala_desa=nama)


# --- Control-plane staff (public schema) ------------------------------------------------------


def staff_make(
    username: str,
    role: str,
    kabupaten_code: str = "",
    *,
    device: bool = True,
    region_code: str = "",
):
    """A control-plane staff member (``ops``, ``contract_manager``, ``village_operator``…)
    with the password ``STAFF_PASSWORD`` and, unless ``device=False``, a confirmed TOTP
    device. ``region_code``: the kecamatan of a ``camat``, the provinsi of a
    ``province_official``."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from control_plane.accounts.models import StaffProfile

    # Control-plane users, profiles and devices live in the public schema; village staff
    # have their own tables in each village schema, which a connection left on a
    # village's search path would hit.
    with schema_context(get_public_schema_name()):
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@contoh.id", password=STAFF_PASSWORD
        )
        StaffProfile.objects.create(
            user=user, role=role, kabupaten_code=kabupaten_code, region_code=region_code
        )
        if device:
            TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
    return user


def totp_now(user) -> str:
    """The current code of the user's device; forgets the last used step so a test
    may log in twice within 30 seconds."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with schema_context(get_public_schema_name()):  # see staff_make
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        TOTPDevice.objects.filter(pk=device.pk).update(
            last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
        )
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def staff_login(user) -> Client:
    """A platform-domain client logged in as ``user`` with its second factor satisfied."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with schema_context(get_public_schema_name()):  # see staff_make
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        client = Client(HTTP_HOST=settings.BALAI_DOMAIN)
        client.force_login(user)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def staff_client(
    *, role: str, username: str, kabupaten_code: str = "", region_code: str = ""
) -> tuple[Client, Any]:
    """A new staff member and a platform-domain client logged in as them, second factor
    satisfied: ``(client, user)``."""
    user = staff_make(username, role, kabupaten_code, region_code=region_code)
    return staff_login(user), user

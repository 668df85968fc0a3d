"""Second factor as a class (issue 16, finding 2): a session that passed only the
password, of a user who must use a second factor — operations staff, contract managers,
camat, province officials and anyone with a confirmed device — reaches nothing on the control plane but the code
step (or, without a device yet, the first enrolment), log-out and the language switch.

The sweep walks the control-plane URLconf, so a page added later is covered without
touching this file. Every other URL must answer GET and POST with a redirect to the
step the session still needs, or 403."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.control_plane.onboarding.helpers import PASSWORD, make_contract, make_staff, totp_now
from tests.security.url_sweep import PUBLIC, routes

pytestmark = [pytest.mark.security, pytest.mark.django_db]

# What a half-logged-in session may open (anything else is swept).
OPEN = {"accounts:otp", "accounts:logout", "set_language"}
OPEN_WITHOUT_DEVICE = OPEN | {"accounts:otp_enrol"}
# (user name, role, kabupaten, has a confirmed device)
MUST_USE_SECOND_FACTOR = [
    ("ops-gerbang", "ops", "", True),
    ("kab-gerbang", "contract_manager", "1801", True),
    ("ops-baru-gerbang", "ops", "", False),  # must enrol first
    ("pendaftar-gerbang", "village_operator", "", True),  # turned it on themselves
    ("camat-gerbang", "camat", "", True),
    ("provinsi-gerbang", "province_official", "", False),  # must enrol first
]
# The region a camat or a province official is bound to.
REGION = {"camat": "180104", "province_official": "18"}


def password_only(user) -> Client:
    client = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    response = client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/akun/otp/")
    assert "_auth_user_id" in client.session  # logged in by password, not verified
    return client


def _refused(response, step: str) -> bool:
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"].startswith(step)


@pytest.mark.parametrize(("username", "role", "kab", "device"), MUST_USE_SECOND_FACTOR)
def test_password_only_session_reaches_nothing_but_the_code_step(username, role, kab, device):
    user = make_staff(username, role, kab, device=device, region_code=REGION.get(role, ""))
    if kab:
        make_contract(kab, user)
    devices_before = list(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed"))
    client = password_only(user)
    step, allowed = ("/akun/otp/?", OPEN) if device else ("/akun/otp/daftar/?", OPEN_WITHOUT_DEVICE)
    swept, leaks = 0, []
    for route in routes(PUBLIC):
        if route.name in allowed:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(route.path)
            swept += 1
            if not _refused(response, step):
                leaks.append(
                    f"{method.upper()} {route.path} ({route.name}) → {response.status_code}"
                )
    assert swept >= 100, swept  # the walk really covered the URLconf
    assert not leaks, "\n".join(leaks)
    # Nothing was added on the way, and the session is still only half logged in.
    assert (
        list(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed")) == devices_before
    )
    assert _refused(client.get("/ops/desa/"), step)


def test_the_reproduced_bypass_enrol_a_second_device_by_password(public_client):
    """The review's steps with ops@…: password only → POST enrol (shows a new secret)
    → POST a code of that secret → fully logged in, attacker's device on the account."""
    user = make_staff("ops-serang", "ops")
    client = password_only(user)
    first = client.post("/akun/otp/daftar/", {"token": "000000"})
    assert first.status_code == 403
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()
    # Even with a pending device planted in the database, its code does not confirm it.
    planted = TOTPDevice.objects.create(user=user, name="penyerang", confirmed=False)
    code = f"{TOTP(planted.bin_key).token():06d}"
    assert client.post("/akun/otp/daftar/", {"token": code}).status_code == 403
    planted.refresh_from_db()
    assert not planted.confirmed
    for page in ("/ops/desa/", "/kabupaten/", "/daftar/persetujuan/"):
        assert client.get(page)["Location"].startswith("/akun/otp/"), page
    # The owner's own code still works, and only then the pages open.
    assert client.post("/akun/otp/", {"token": totp_now(user)}).status_code == 302
    assert client.get("/ops/desa/").status_code == 200


def test_a_device_turns_the_second_factor_on_for_any_role():
    """A sign-up operator (no second factor needed) who enrolled a device must use it."""
    user = make_staff("pendaftar-otp", "village_operator", device=True)
    client = password_only(user)
    assert client.get("/akun/keamanan/")["Location"].startswith("/akun/otp/")
    assert client.post("/akun/otp/", {"token": totp_now(user)}).status_code == 302
    assert client.get("/akun/keamanan/").status_code == 200


def test_next_after_the_code_step_stays_on_this_host():
    user = make_staff("ops-next", "ops")
    client = password_only(user)
    for target in ("//jahat.example/", "/\\jahat.example/", "https://jahat.example/"):
        response = client.post(f"/akun/otp/?next={target}", {"token": totp_now(user)})
        assert response.status_code == 302
        assert not re.match(r"^(https?:)?[/\\]{2}", response["Location"]), response["Location"]
        client.logout()
        client = password_only(user)

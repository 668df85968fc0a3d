"""The owner's devices (add from a verified session, list, revoke) and e-mail change
(opaque one-time link, notice to the old address), each audited and e-mailed on commit."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from control_plane.accounts import services
from control_plane.accounts.models import AccountEvent, EmailChange
from tests.control_plane.onboarding.helpers import PASSWORD, make_staff, totp_now

pytestmark = pytest.mark.django_db


def verified(user) -> Client:
    client = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    assert client.post("/akun/otp/", {"token": totp_now(user)}).status_code == 302
    return client


def _code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key).token():06d}"


def test_second_device_from_a_verified_session_is_audited_and_mailed(
    django_capture_on_commit_callbacks,
):
    user = make_staff("ops-perangkat", "ops")
    client = verified(user)
    page = client.get("/akun/otp/daftar/")
    assert page.status_code == 200 and "Tambah perangkat autentikator" in page.content.decode()
    pending = TOTPDevice.objects.get(user=user, confirmed=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/akun/otp/daftar/", {"token": _code(pending), "name": "Ponsel 2", "password": PASSWORD}
        )
    assert response.status_code == 302 and response["Location"] == "/akun/keamanan/"
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 2
    event = AccountEvent.objects.get(user=user)
    assert event.kind == "device_added" and event.detail == "Ponsel 2" and event.actor == user
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "Ponsel 2" in mail.outbox[0].body and "ditambahkan" in mail.outbox[0].body
    listing = client.get("/akun/keamanan/").content.decode()
    assert listing.count('data-testid="device"') == 2 and "Ponsel 2" in listing


def test_service_refuses_a_second_device_for_an_unverified_session():
    user = make_staff("ops-layanan", "ops")
    pending = services.totp_device_start(account=user)
    with pytest.raises(PermissionDenied):
        services.totp_device_confirm(account=user, token=_code(pending), session_verified=False)
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_owner_revokes_a_device_and_sessions_verified_with_it_lose_it(
    django_capture_on_commit_callbacks,
):
    user = make_staff("ops-cabut", "ops")
    old = TOTPDevice.objects.get(user=user)
    other_session = verified(user)  # verified with the old device
    spare = TOTPDevice.objects.create(user=user, name="Cadangan", confirmed=True)
    client = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    assert client.post("/akun/otp/", {"token": _code(spare)}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/akun/perangkat/{old.pk}/hapus/", {"password": PASSWORD})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=user).values_list("name", flat=True)) == ["Cadangan"]
    assert AccountEvent.objects.get(user=user).kind == "device_removed"
    assert [m.to for m in mail.outbox] == [[user.email]] and "dihapus" in mail.outbox[0].body
    assert other_session.get("/ops/desa/")["Location"].startswith("/akun/otp/")
    assert client.get("/ops/desa/").status_code == 200
    # The last device of a role that needs one stays; another user's device is not found.
    client.post(f"/akun/perangkat/{spare.pk}/hapus/", {"password": PASSWORD})
    assert TOTPDevice.objects.filter(pk=spare.pk).exists()
    stranger = make_staff("ops-lain", "ops")
    client.post(
        f"/akun/perangkat/{TOTPDevice.objects.get(user=stranger).pk}/hapus/",
        {"password": PASSWORD},
    )
    assert TOTPDevice.objects.filter(user=stranger).exists()


def test_a_role_without_second_factor_may_remove_its_last_device():
    user = make_staff("pendaftar-cabut", "village_operator")
    client = verified(user)
    client.post(
        f"/akun/perangkat/{TOTPDevice.objects.get(user=user).pk}/hapus/", {"password": PASSWORD}
    )
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get("/akun/keamanan/").status_code == 200  # no second factor any more


def test_email_change_link_is_opaque_and_the_old_address_is_told(
    django_capture_on_commit_callbacks,
):
    user = make_staff("ops-surel", "ops")
    old, new = user.email, "alamat.rahasia.baru@contoh.id"
    client = verified(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/akun/email/", {"email": new, "password": PASSWORD})
    assert response.status_code == 302
    to_new, to_old = sorted(mail.outbox, key=lambda m: m.to != [new])
    assert to_new.to == [new] and to_old.to == [old]
    assert "a***@contoh.id" in to_old.body and new not in to_old.body
    link = re.search(r"https?://\S+/akun/email/konfirmasi/(\S+)/", to_new.body)
    token = link.group(1)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # 256 random bits, nothing else
    assert token not in EmailChange.objects.get(user=user).token_hash  # only its hash is kept
    user.refresh_from_db()
    assert user.email == old  # nothing changes before the link is confirmed
    path = urlparse(link.group(0)).path

    # Logged out, the link asks for a login; another user's session can not use it.
    assert Client(HTTP_HOST=settings.BALAI_DOMAIN).get(path)["Location"].startswith("/akun/masuk/")
    stranger = verified(make_staff("ops-orang-lain", "ops"))
    stranger.post(path)
    user.refresh_from_db()
    assert user.email == old

    assert new in client.get(path).content.decode()  # GET only shows what will change
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 302
    user.refresh_from_db()
    assert user.email == new and user.username == "ops-surel"  # a user name that is no e-mail stays
    assert [m.to for m in mail.outbox] == [[old]] and "diganti" in mail.outbox[0].body
    kinds = list(AccountEvent.objects.filter(user=user).values_list("kind", flat=True))
    assert kinds == ["email_changed", "email_change_requested"]
    assert all(new not in e.detail for e in AccountEvent.objects.filter(user=user))
    # Used once.
    client.post(path)
    assert AccountEvent.objects.filter(user=user).count() == 2


def test_turning_the_second_factor_on_verifies_this_session_and_gates_the_others():
    user = make_staff("pendaftar-aktifkan", "village_operator", device=False)
    here, other = Client(HTTP_HOST=settings.BALAI_DOMAIN), Client(HTTP_HOST=settings.BALAI_DOMAIN)
    for client in (here, other):
        client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    page = here.get("/akun/otp/daftar/").content.decode()
    assert "Tambah perangkat autentikator" in page and "Peran Anda mewajibkan" not in page
    pending = TOTPDevice.objects.get(user=user, confirmed=False)
    response = here.post("/akun/otp/daftar/", {"token": _code(pending), "password": PASSWORD})
    assert response["Location"] == "/akun/keamanan/"
    assert here.get("/akun/keamanan/").status_code == 200  # no second code right away
    # The other password-only session now lacks the factor the user turned on.
    assert other.get("/akun/keamanan/")["Location"].startswith("/akun/otp/")


def test_a_session_cookie_alone_does_not_add_or_remove_devices():
    """A verified session (a stolen cookie, a computer left logged in) still needs the
    current password to add or remove a device."""
    user = make_staff("ops-kuki", "ops")
    client = verified(user)
    spare = TOTPDevice.objects.create(user=user, name="Cadangan", confirmed=True)
    client.get("/akun/otp/daftar/")
    pending = TOTPDevice.objects.get(user=user, confirmed=False)
    for password in ("", "tebakan-salah"):
        page = client.post("/akun/otp/daftar/", {"token": _code(pending), "password": password})
        assert page.status_code == 200
        client.post(f"/akun/perangkat/{spare.pk}/hapus/", {"password": password})
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 2
    assert not AccountEvent.objects.filter(user=user).exists()

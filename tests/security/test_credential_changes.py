"""Credential changes as a class (issue 16, finding 10, and from finding 14 the ending of
sessions): every page that changes a password, an e-mail address, a second-factor device
or a PIN is marked (``balai_kernel.credentials``), found by walking both URLconfs, and held
to its rule:

- ``SESSION`` pages need a login, and on the control plane a session that passed the
  second factor whenever its user has or needs one — checked with the control plane's
  gate middleware removed, so each page enforces the rule itself;
- ``TOKEN`` pages (e-mailed one-time links) end every session of the account.

A view that writes a credential without the mark fails the first test."""

from __future__ import annotations

import inspect
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.test import Client, override_settings
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai_kernel.credentials import SESSION, TOKEN, credential_kind
from tenants.context import village_context
from tests.control_plane.onboarding.helpers import PASSWORD, make_staff, totp_now
from tests.security.url_sweep import PUBLIC, TENANT, routes
from village_apps.akun.services import village_user_create
from village_apps.audit.models import AccessAudit

pytestmark = [pytest.mark.security, pytest.mark.django_db]

GATE = "control_plane.accounts.middleware.SecondFactorMiddleware"
# Calls by which a view changes a credential. A view whose own code (or class) contains
# one must carry the mark.
WRITES = re.compile(
    r"set_password|password_update|PasswordChangeForm|SetPasswordForm|PasswordResetConfirmView"
    r"|totp_device_\w+\(|email_change_\w+\(|pin_issue\(|TOTPDevice|PinWarga|\.email\s*="
)
KNOWN = {
    "accounts:otp_enrol": SESSION,
    "accounts:security": SESSION,
    "accounts:device_remove": SESSION,
    "accounts:email_change": SESSION,
    "accounts:email_confirm": SESSION,
    "accounts:password_change": SESSION,
    "accounts:password_reset_confirm": TOKEN,
    "akun:set_password": TOKEN,
    "akun:sandi": SESSION,
    "akun:otp_daftar": SESSION,
    "akun:perangkat_hapus": SESSION,
    "mandiri:pin": SESSION,
}


def _source(callback) -> str:
    view = getattr(callback, "view_class", None) or inspect.unwrap(callback)
    parts = []
    for item in inspect.getmro(view) if inspect.isclass(view) else (view,):
        module = getattr(item, "__module__", "")
        if module.startswith(
            ("control_plane", "village_apps", "balai_kernel", "balai_site", "tenants")
        ):
            parts.append(inspect.getsource(item))
    return "\n".join(parts)


def marked(urlconf: str) -> dict[str, tuple[str, str]]:
    return {
        r.name: (credential_kind(r.callback), r.path)
        for r in routes(urlconf)
        if credential_kind(r.callback)
    }


def test_every_view_that_writes_a_credential_is_marked():
    unmarked = [
        f"{urlconf}: {r.name}"
        for urlconf in (PUBLIC, TENANT)
        for r in routes(urlconf)
        if WRITES.search(_source(r.callback)) and credential_kind(r.callback) is None
    ]
    assert not unmarked, unmarked
    found = {
        name: kind for urlconf in (PUBLIC, TENANT) for name, (kind, _) in marked(urlconf).items()
    }
    assert found == KNOWN  # a new credential page: add it here, after checking its rule


def _half(user) -> Client:
    client = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    return client


def _credentials(user) -> tuple:
    user.refresh_from_db()
    devices = tuple(TOTPDevice.objects.filter(user=user).values_list("pk", "confirmed", "name"))
    return user.email, user.username, user.password, devices


@override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != GATE])
@pytest.mark.parametrize("device", [True, False], ids=["has-device", "must-enrol"])
def test_every_credential_page_needs_the_second_factor_by_itself(device):
    user = make_staff(f"ops-kredensial-{device}", "ops", device=device)
    before = _credentials(user)
    client = _half(user)
    step = "/akun/otp/" if device else "/akun/otp/daftar/"
    pages = {n: p for n, (k, p) in marked(PUBLIC).items() if k == SESSION}
    assert len(pages) >= 6
    leaks = []
    for name, path in pages.items():
        if name == "accounts:otp_enrol" and not device:
            continue  # the first enrolment: the one page a must-enrol session may use
        for method in ("get", "post"):
            data = {"email": "penyerang@contoh.id", "password": PASSWORD, "token": "123456"}
            response = getattr(client, method)(path, data) if method == "post" else client.get(path)
            ok = response.status_code == 403 or (
                response.status_code == 302 and response["Location"].startswith(step)
            )
            if not ok:
                leaks.append(f"{method.upper()} {path} → {response.status_code}")
    assert not leaks, leaks
    assert _credentials(user) == before


def test_every_credential_page_refuses_anonymous_visitors(village):
    hosts = {PUBLIC: settings.BALAI_DOMAIN, TENANT: village.host}
    for urlconf, host in hosts.items():
        client = Client(HTTP_HOST=host)
        for name, (kind, path) in marked(urlconf).items():
            if kind != SESSION:
                continue
            for response in (client.get(path), client.post(path)):
                assert response.status_code in (302, 403), (name, response.status_code)
                if response.status_code == 302:
                    assert response["Location"].startswith("/akun/masuk/"), name


def test_credential_pages_open_with_the_second_factor():
    user = make_staff("ops-lengkap", "ops")
    client = _half(user)
    assert client.post("/akun/otp/", {"token": totp_now(user)}).status_code == 302
    for path in ("/akun/keamanan/", "/akun/email/", "/akun/sandi/ganti/", "/akun/otp/daftar/"):
        assert client.get(path).status_code == 200, path


def test_a_role_without_second_factor_changes_credentials_after_login():
    user = make_staff("pendaftar-polos", "village_operator", device=False)
    client = _half(user)
    for path in ("/akun/keamanan/", "/akun/email/", "/akun/sandi/ganti/", "/akun/otp/daftar/"):
        assert client.get(path).status_code == 200, path


# --- Changes end the other sessions -----------------------------------------------------------


def _verified(user) -> Client:
    client = _half(user)
    assert client.post("/akun/otp/", {"token": totp_now(user)}).status_code == 302
    return client


def test_password_change_ends_the_other_sessions_only(django_capture_on_commit_callbacks):
    from django.core import mail

    user = make_staff("ops-sandi", "ops")
    here, elsewhere = _verified(user), _verified(user)
    new = "sandi-baru-yang-panjang-77"
    with django_capture_on_commit_callbacks(execute=True):
        response = here.post(
            "/akun/sandi/ganti/",
            {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        )
    assert response.status_code == 302
    assert here.get("/akun/keamanan/").status_code == 200  # this session stays
    assert elsewhere.get("/akun/keamanan/")["Location"].startswith("/akun/masuk/")
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert user.account_events.get().kind == "password_changed"


def test_password_reset_link_ends_every_session(django_capture_on_commit_callbacks):
    user = make_staff("ops-reset", "ops")
    sessions = [_verified(user), _half(user)]
    user.refresh_from_db()  # the token covers last_login, which the logins changed
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    browser = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    form = browser.get(f"/akun/sandi/atur/{uid}/{token}/", follow=True)
    new = "sandi-reset-panjang-2026"
    with django_capture_on_commit_callbacks(execute=True):
        done = browser.post(
            form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
        )
    assert done.status_code == 302 and done["Location"] == "/akun/masuk/"
    for client in sessions:
        assert client.get("/akun/keamanan/")["Location"].startswith("/akun/masuk/")
    assert user.account_events.get().kind == "password_reset"
    # Logging in with the new password still needs the second factor.
    again = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    response = again.post("/akun/masuk/", {"username": user.username, "password": new})
    assert response["Location"].startswith("/akun/otp/")


def test_deactivation_ends_every_control_plane_session():
    """Django's backend refuses inactive users on every request (a guard: it held
    before, whatever path deactivates)."""
    user = make_staff("ops-nonaktif", "ops")
    client = _verified(user)
    assert client.get("/ops/desa/").status_code == 200
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert client.get("/ops/desa/")["Location"].startswith("/akun/masuk/")


def _village_login(village, username: str, password: str) -> Client:
    client = Client(HTTP_HOST=village.host)
    response = client.post("/akun/masuk/", {"username": username, "password": password})
    assert response.status_code == 302
    return client


def test_village_set_password_link_ends_every_session_and_is_audited(village):
    password = "sandi-operator-lama-1"
    with village_context(village):
        user = village_user_create(username="op-kredensial", role="operator", password=password)
    sessions = [_village_login(village, "op-kredensial", password) for _ in range(2)]
    with village_context(village):
        user.refresh_from_db()  # the token covers last_login, which the logins changed
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
    for client in sessions:
        assert client.get("/kelola/penduduk/").status_code == 200
    browser = Client(HTTP_HOST=village.host)
    form = browser.get(f"/akun/atur-sandi/{uid}/{token}/", follow=True)
    new = "sandi-operator-baru-2"
    done = browser.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    for client in sessions:
        assert client.get("/kelola/penduduk/")["Location"].startswith("/akun/masuk/")
    with village_context(village):
        row = AccessAudit.objects.get(action="update", object_type="akun")
        assert row.object_id == str(user.pk) and new not in row.summary


def test_village_deactivation_ends_every_session(village):
    password = "sandi-operator-lama-1"
    with village_context(village):
        user = village_user_create(username="op-nonaktif", role="operator", password=password)
    client = _village_login(village, "op-nonaktif", password)
    assert client.get("/kelola/penduduk/").status_code == 200
    with village_context(village):
        get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert client.get("/kelola/penduduk/")["Location"].startswith("/akun/masuk/")

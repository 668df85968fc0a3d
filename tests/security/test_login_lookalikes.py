"""Look-alike account names share the account's lockout (issue 16, finding 5).

Django's login form strips and NFKC-normalises the user name before looking the account
up, so ``ａdmin`` (fullwidth) logs in as ``admin``; the NIK login does the same. The
abuse limits must count every spelling that reaches an account as that account. The
sweep finds every login form by walking both URLconfs (a page an anonymous visitor gets
with a password field), so a login form added later has to be listed here to pass."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client

from tenants.context import village_context
from tests.control_plane.onboarding.helpers import PASSWORD as STAFF_PASSWORD
from tests.control_plane.onboarding.helpers import make_staff
from tests.security.abuse_clock import abuse_clock_fixture  # noqa: F401 - pytest fixture
from tests.security.url_sweep import PUBLIC, TENANT, routes
from tests.village_apps.surat.helpers import penduduk_make
from village_apps.akun.services import village_user_create
from village_apps.mandiri import services as mandiri

pytestmark = [pytest.mark.security, pytest.mark.django_db]
PASSWORD_FIELD = re.compile(r"""<input[^>]*type=["']?password""", re.IGNORECASE)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def bold(text: str) -> str:
    """Mathematical bold letters and digits (NFKC maps them back)."""
    out = []
    for c in text:
        if "a" <= c <= "z":
            out.append(chr(0x1D41A + ord(c) - ord("a")))
        elif "0" <= c <= "9":
            out.append(chr(0x1D7CE + ord(c) - ord("0")))
        else:
            out.append(c)
    return "".join(out)


NAME_VARIANTS = {
    "fullwidth": fullwidth,
    "fullwidth first letter": lambda n: fullwidth(n[0]) + n[1:],
    "upper case": str.upper,
    "whitespace": lambda n: f" \t{n}\u3000",
    "mathematical bold": bold,
    "no-break space": lambda n: f"\u00a0{n}\u00a0",
}
NIK_VARIANTS = {
    "fullwidth digits": fullwidth,
    "fullwidth first digit": lambda n: fullwidth(n[0]) + n[1:],
    "whitespace": lambda n: f" {n}\u3000",
    "mathematical bold digits": bold,
}


@dataclass
class LoginForm:
    host: str  # "control" or "village"
    path: str
    endpoint: str  # ABUSE_LIMITS key
    name_field: str
    secret_field: str
    session_key: str  # present in the session once logged in
    variants: dict


LOGIN_FORMS = {
    "control": LoginForm(
        "control",
        "/akun/masuk/",
        "control_login",
        "username",
        "password",
        "_auth_user_id",
        NAME_VARIANTS,
    ),
    "operator": LoginForm(
        "village",
        "/akun/masuk/",
        "operator_login",
        "username",
        "password",
        "_auth_user_id",
        NAME_VARIANTS,
    ),
    "mandiri": LoginForm(
        "village",
        "/mandiri/masuk/",
        "mandiri_login",
        "nik",
        "pin",
        "mandiri_penduduk_id",
        NIK_VARIANTS,
    ),
}


def test_every_login_form_is_swept(village):
    found = set()
    for urlconf, host, kind in (
        (PUBLIC, settings.BALAI_DOMAIN, "control"),
        (TENANT, village.host, "village"),
    ):
        client = Client(HTTP_HOST=host)
        for route in routes(urlconf):
            response = client.get(route.path)
            if response.status_code == 200 and PASSWORD_FIELD.search(
                response.content.decode(errors="replace")
            ):
                found.add((kind, route.path))
    assert found == {(f.host, f.path) for f in LOGIN_FORMS.values()}


def _account(form: LoginForm, village) -> tuple[str, str]:
    """A fresh account for ``form``: (canonical name, right secret)."""
    if form.host == "control":
        user = make_staff("mirip", "village_operator", device=False)  # no second factor
        return user.username, STAFF_PASSWORD
    with village_context(village):
        if form.endpoint == "operator_login":
            village_user_create(username="adminmirip", role="admin", password="sandi-mirip-123")
            return "adminmirip", "sandi-mirip-123"
        penduduk = penduduk_make()
        return penduduk.nik, mandiri.pin_issue(penduduk_id=penduduk.pk)


def _client(form: LoginForm, village) -> Client:
    return Client(HTTP_HOST=settings.BALAI_DOMAIN if form.host == "control" else village.host)


def _post(client: Client, form: LoginForm, name: str, secret: str, ip: str):
    return client.post(
        form.path, {form.name_field: name, form.secret_field: secret}, REMOTE_ADDR=ip
    )


def _wrong(secret: str) -> str:
    return "000000" if secret != "000000" else "111111"


CASES = [
    pytest.param(key, variant, id=f"{key}-{variant}")
    for key, form in LOGIN_FORMS.items()
    for variant in form.variants
]


@pytest.fixture
def two_failures_lock(settings, abuse_clock):
    """Two failed attempts lock an account (below the PIN's own lockout of three)."""
    settings.ABUSE_LIMITS = {
        **settings.ABUSE_LIMITS,
        **{
            form.endpoint: {"account": "2/15m", "address": "1000/15m"}
            for form in LOGIN_FORMS.values()
        },
    }


@pytest.mark.parametrize("fail_as", ["name", "lookalike"])
@pytest.mark.parametrize(("key", "variant"), CASES)
def test_one_lock_for_every_spelling(key, variant, fail_as, village, two_failures_lock):
    """Failures under one spelling lock the other: the name locked, the look-alike with
    the right secret stays out; failures as the look-alike lock the name itself."""
    form = LOGIN_FORMS[key]
    name, secret = _account(form, village)
    client = _client(form, village)
    lookalike = form.variants[variant](name)
    assert lookalike != name
    failing, succeeding = (name, lookalike) if fail_as == "name" else (lookalike, name)
    for i in range(2):
        _post(client, form, failing, _wrong(secret), f"10.5.0.{i}")
    _post(client, form, succeeding, secret, "10.5.1.1")
    assert form.session_key not in client.session, (
        f"{succeeding!r} logged in after two failures as {failing!r}"
    )


@pytest.mark.parametrize("key", list(LOGIN_FORMS))
def test_the_right_secret_still_logs_in_below_the_limit(key, village, two_failures_lock):
    """The counting does not lock out a correctly spelled, correct login."""
    form = LOGIN_FORMS[key]
    name, secret = _account(form, village)
    client = _client(form, village)
    _post(client, form, form.variants[next(iter(form.variants))](name), _wrong(secret), "10.5.4.1")
    assert _post(client, form, name, secret, "10.5.4.2").status_code == 302
    assert form.session_key in client.session

"""Layanan mandiri does not tell which NIKs have accounts (issue 16, finding 6).

Every refused NIK + PIN — a NIK nobody has, a NIK without a PIN, a resident no longer
active, a wrong PIN, a PIN locked by its own lockout, a NIK locked by the shared abuse
limit (with or without an account behind it) — gets the same status and the same page,
and costs exactly one argon2 verification, so none answers faster. Behaviour, not
wall-clock: the hashing is counted, not timed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client
from django.utils import timezone

from tenants.context import village_context
from tests.security.abuse_clock import abuse_clock_fixture  # noqa: F401 - pytest fixture
from tests.village_apps.surat.helpers import penduduk_make
from village_apps.mandiri import services
from village_apps.mandiri.models import PinWarga
from village_apps.penduduk.models import Penduduk

pytestmark = [pytest.mark.security, pytest.mark.django_db]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def argon2_checks(monkeypatch) -> list[str]:
    """Every argon2 verification made, in order (the real one still runs)."""
    calls: list[str] = []
    real = Argon2PasswordHasher.verify

    def counting(self, password, encoded):  # noqa: ANN001, ANN202
        calls.append(encoded)
        return real(self, password, encoded)

    monkeypatch.setattr(Argon2PasswordHasher, "verify", counting)
    return calls


def _resident(**extra) -> tuple[Penduduk, str]:
    penduduk = penduduk_make(**extra)
    return penduduk, services.pin_issue(penduduk_id=penduduk.pk)


def _wrong(pin: str) -> str:
    return "000000" if pin != "000000" else "111111"


def test_locked_unknown_and_wrong_answer_alike_and_hash_alike(
    settings, village, abuse_clock, argon2_checks
):
    # The NIK limit (2 failures) is reached on purpose below; the PIN lockout after 3.
    settings.ABUSE_LIMITS = {
        **settings.ABUSE_LIMITS,
        "mandiri_login": {"account": "2/15m", "address": "1000/15m"},
    }
    with village_context(village):
        wrong, _ = _resident()
        pin_locked, pin_locked_pin = _resident()
        PinWarga.objects.filter(penduduk=pin_locked).update(
            gagal=services.FREE_ATTEMPTS, terkunci_sampai=timezone.now() + dt.timedelta(hours=1)
        )
        nik_locked, nik_locked_pin = _resident()
        moved, moved_pin = _resident()
        Penduduk.objects.filter(pk=moved.pk).update(status_dasar=2)
        without_pin = penduduk_make()
    client = Client(HTTP_HOST=village.host)

    def attempt(nik: str, pin: str):
        return client.post("/mandiri/masuk/", {"nik": nik, "pin": pin}, REMOTE_ADDR="10.16.6.6")

    # Lock two NIKs through the shared limit: one with an account, one without.
    for nik in (nik_locked.nik, "1801044177777777"):
        for _ in range(2):
            attempt(nik, "999999")
    cases = {
        "unknown NIK": ("1801044188888888", "123456"),
        "NIK without a PIN": (without_pin.nik, "123456"),
        "resident no longer active": (moved.nik, moved_pin),
        "wrong PIN": (wrong.nik, "999999"),
        "PIN locked (right PIN)": (pin_locked.nik, pin_locked_pin),
        "NIK limit, account (right PIN)": (nik_locked.nik, nik_locked_pin),
        "NIK limit, no account": ("1801044177777777", "123456"),
        "not a NIK": ("12345", "123456"),
    }
    answers = {}
    for case, (nik, pin) in cases.items():
        argon2_checks.clear()
        response = attempt(nik, pin)
        assert len(argon2_checks) == 1, (case, len(argon2_checks))
        assert "mandiri_penduduk_id" not in client.session, case
        answers[case] = (response.status_code, CSRF.sub("", response.content.decode()))
    reference = answers["unknown NIK"]
    assert reference[0] == 200 and "NIK atau PIN salah" in reference[1]
    different = [case for case, answer in answers.items() if answer != reference]
    assert not different, different

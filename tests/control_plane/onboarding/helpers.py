"""Users, contracts and TOTP codes for onboarding and account tests."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from control_plane.accounts.models import StaffProfile

PASSWORD = "sandi-panel-uji-2026"


def make_staff(username: str, role: str, kabupaten_code: str = "", *, device: bool = True):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@contoh.id", password=PASSWORD
    )
    StaffProfile.objects.create(user=user, role=role, kabupaten_code=kabupaten_code)
    if device:
        TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
    return user


def totp_now(user) -> str:
    """The current code of the user's device; forgets the last used step so a test
    may log in twice within 30 seconds."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def make_contract(kabupaten_code: str, *managers, seat_limit=None, auto_approve=False):
    from control_plane.contracts.models import Contract

    today = dt.date.today()  # noqa: DTZ011 - a calendar date is what contracts store
    contract = Contract.objects.create(
        kabupaten_code=kabupaten_code,
        kabupaten_name=f"Kabupaten {kabupaten_code}",
        number=f"SPK/{kabupaten_code}/{today.year}",
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=365),
        seat_limit=seat_limit,
        auto_approve=auto_approve,
    )
    contract.managers.add(*managers)
    return contract


def provisioning_worker_run() -> None:
    """The real procrastinate worker, in this thread, until the provisioning queue is empty."""
    from procrastinate.contrib.django import app

    with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
        worker_app.run_worker(
            queues=["provisioning"],
            wait=False,
            install_signal_handlers=False,
            listen_notify=False,
        )

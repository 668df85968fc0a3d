"""Users, contracts and TOTP codes for onboarding and account tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

# Staff and their TOTP codes are made by ``tests/support`` (the names here are kept for
# the many tests that import them).
from tests.support.builders import STAFF_PASSWORD, staff_make, totp_now  # noqa: F401

PASSWORD = STAFF_PASSWORD
make_staff = staff_make


def make_contract(kabupaten_code: str, *managers, seat_limit=None, auto_approve=False):
    from control_plane.contracts.models import Contract

    today = timezone.localdate()  # the platform's calendar day (Asia/Jakarta)
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
    from tests.support.worker import worker_run

    worker_run(queues=["provisioning"])

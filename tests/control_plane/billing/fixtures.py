"""Billing test fixtures: the local Stripe-compatible server over real HTTP, a clock
it reads, settings pointing the adapter at it, contracts and a helper that delivers the server's signed webhooks to Django.

A ``pytest_plugins`` module of ``tests/conftest.py``; staff clients come from
``tests/support`` (``staff_client`` is re-exported here for the tests that import it)."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from balai_kernel.actor import Actor
from devtools.stripe_server import StripeServer
from tests.support.builders import staff_client  # noqa: F401 - re-exported

WEBHOOK_SECRET = "whsec_test_balai"
API_KEY = "sk_test_balai"
_codes = itertools.count(21)


@dataclass
class Clock:
    """Time as the local Stripe server sees it; tests move it forward."""

    offset: float = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self(), tz=dt.UTC)

    def advance(self, **delta: float) -> None:
        self.offset += dt.timedelta(**delta).total_seconds()


@pytest.fixture(scope="session")
def stripe_clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def stripe_server(stripe_clock: Clock) -> Iterator[StripeServer]:
    server = StripeServer(webhook_secret=WEBHOOK_SECRET, clock=stripe_clock).start()
    yield server
    server.stop()


@pytest.fixture
def stripe_settings(settings, stripe_server: StripeServer, stripe_clock: Clock):
    settings.STRIPE_SECRET_KEY = API_KEY
    settings.STRIPE_API_BASE = stripe_server.url
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    stripe_server.pending_events()  # drop what earlier tests left
    yield stripe_server
    stripe_clock.offset = 0.0
    stripe_server.pending_events()


@pytest.fixture
def deliver(public_client: Client, stripe_settings: StripeServer):
    """POST the server's queued events, signed, to the webhook URL (in order, or as
    the test reorders them). Returns the responses."""

    def run(events: list[dict] | None = None) -> list:
        events = stripe_settings.pending_events() if events is None else events
        responses = []
        for event in events:
            body, header = stripe_settings.signed(event)
            responses.append(
                public_client.post(
                    "/billing/stripe/webhook",
                    data=body,
                    content_type="application/json",
                    HTTP_STRIPE_SIGNATURE=header,
                )
            )
        return responses

    return run


@pytest.fixture
def plan(db):
    from control_plane.billing.models import Plan
    from tenants import routing

    yield Plan.objects.create(code="dasar", name="Dasar", modules=["penduduk", "surat"])
    # A seat under this plan limits the session villages' modules inside the test's
    # rolled-back transaction; the routing cache must not carry that into later tests.
    # (What a transactional test commits is undone by tests/conftest.py.)
    routing.cache.clear()


def contract_make(*, plan, code: str = "1801", name: str = "Kabupaten Lampung Selatan", **extra):
    from control_plane.billing.services import contract_create

    fields = {
        "price_per_village": 150_000_000,  # Rp 1.500.000
        "interval": "year",
        "npwp": "0012345678901000",
        "billing_name": f"Pemerintah {name}",
        "billing_address": "Jl. Mustafa Kemal No. 1, Kalianda",
        "billing_email": "bpkad@lampungselatan.go.id",
        "days_until_due": 30,
        "seat_limit": 10,
    }
    fields.update(extra)
    today = timezone.localdate()
    return contract_create(
        kabupaten_code=code,
        kabupaten_name=name,
        number=f"SPK/{code}/{next(_codes)}/2026",
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=364),
        actor=Actor.named("pytest"),
        plan=plan,
        **fields,
    )


@pytest.fixture
def contract(plan):
    return contract_make(plan=plan)


def village_new(*, code: str, name: str, slug: str):
    """A new hosted village, made as provisioning makes it (inside the test's
    transaction, so it disappears with it)."""
    from control_plane.provisioning.services import village_provision
    from tenants import services

    village = services.village_create(code=code, name=name, slug=slug, actor="pytest")
    village_provision(
        village=village, actor=Actor.named("pytest"), admin_password="sandi-admin-uji-123"
    )
    village.refresh_from_db()
    return village

"""Fixtures every test may ask for (a ``pytest_plugins`` module of ``tests/conftest.py``).

Village users live in the session village ``village`` (Hajimena) and disappear with the
test's transaction. ``admin_client`` here is a logged-in *village* admin: pytest-django's
fixture of that name (a Django superuser on the public schema) has no use in Balai.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from tests.support.builders import staff_client, village_client_for, village_users_make


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Page caches and abuse-limit counters outlive the rolled-back test transaction
    (test clients all come from 127.0.0.1): every test starts and ends without them.
    Only the per-process local-memory caches are emptied, so parallel workers never
    touch each other's; a Redis cache is never flushed."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    local = [
        caches[alias]
        for alias in ("default", "platform", "ratelimit")
        if isinstance(caches[alias], LocMemCache)
    ]
    for cache in local:
        cache.clear()
    yield
    for cache in local:
        cache.clear()


# --- Village users by role and their clients --------------------------------------------------


@pytest.fixture
def pengguna(village) -> dict:
    """One user per village role (``admin``, ``operator``, ``peninjau``), named
    ``uji-<role>``, password ``tests.support.builders.PASSWORD``."""
    return village_users_make(village)


@pytest.fixture
def admin(pengguna):
    return pengguna["admin"]


@pytest.fixture
def operator(pengguna):
    return pengguna["operator"]


@pytest.fixture
def viewer(pengguna):
    """The *peninjau* (reads, masked NIK/KK numbers; first release: ``viewer``)."""
    return pengguna["peninjau"]


@pytest.fixture
def admin_client(village, admin) -> Client:
    """A client on the village's host logged in as its admin."""
    return village_client_for(village, admin)


@pytest.fixture
def operator_client(village, operator) -> Client:
    """A client on the village's host logged in as an operator (an editor)."""
    return village_client_for(village, operator)


@pytest.fixture
def viewer_client(village, viewer) -> Client:
    """A client on the village's host logged in as a peninjau (reads only)."""
    return village_client_for(village, viewer)


# --- Control-plane staff, second factor satisfied ---------------------------------------------


@pytest.fixture
def ops_client(db) -> Client:
    """The platform domain, logged in as operations staff (``ops-uji``)."""
    return staff_client(role="ops", username="ops-uji")[0]


@pytest.fixture
def manager_client(db) -> Client:
    """The platform domain, logged in as the contract manager of kabupaten 1801."""
    return staff_client(role="contract_manager", kabupaten_code="1801", username="pk-uji")[0]

"""Shared fixtures: a real PostgreSQL (embedded or DATABASE_URL), villages made once per session.

Village schemas are created the way provisioning creates them (template clone), once
per test session and xdist worker; tests then run inside transactions as usual.
Builders, login clients and the shared-files fixture live in ``tests/support``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from django.db import connection

from balai_kernel.actor import Actor

pytest_plugins = [
    "tests.support.fixtures",
    "tests.support.shared_files",
    "tests.control_plane.billing.fixtures",
    "tests.control_plane.dashboards.fixtures",
    "tests.control_plane.reference.fixtures",
]

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM
# calls from it otherwise. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The once-a-second cross-process routing check would add a query to whichever request
# happens to cross the second, making query-count assertions flaky. Within one test
# process invalidation is immediate anyway; routing tests set the interval themselves.
# pytest-django has read the settings before this file is imported, so the environment
# variable only reaches child processes (gunicorn in browser tests); set it here too.
os.environ.setdefault("ROUTING_GENERATION_CHECK_SECONDS", "3600")
from django.conf import settings as django_settings  # noqa: E402
from django.test import Client  # noqa: E402

django_settings.ROUTING_GENERATION_CHECK_SECONDS = float(
    os.environ["ROUTING_GENERATION_CHECK_SECONDS"]
)


VILLAGE_A = {"code": "1801042001", "name": "Hajimena", "slug": "hajimena"}
VILLAGE_B = {"code": "1801042002", "name": "Sidosari", "slug": "sidosari"}
VILLAGE_X = {"code": "1802012001", "name": "Desa Kabupaten Lain", "slug": "desa-lain"}
# The region names a provisioning reads from the Kemendagri list (not loaded when the
# session villages are made): letters print them, and refuse to go out without them.
REGION_NAMES = {
    "18010": {
        "kecamatan": "Natar",
        "kabupaten": "Kabupaten Lampung Selatan",
        "provinsi": "Lampung",
    },
    "18020": {"kecamatan": "Wonosobo", "kabupaten": "Kabupaten Tanggamus", "provinsi": "Lampung"},
}


def _ensure_village(spec: dict[str, str]):
    from control_plane.provisioning.services import village_provision
    from tenants import services
    from tenants.models import Village
    from tests.support.builders import village_head_set

    village = Village.objects.filter(slug=spec["slug"]).first()
    if village is None:
        village = services.village_create(actor="pytest", **spec)
    if village.status != "active":
        village_provision(
            village=village,
            actor=Actor.named("pytest"),
            admin_password="sandi-admin-uji-123",
            names=REGION_NAMES[spec["code"][:5]],
        )
    village.refresh_from_db()
    village_head_set(village)  # the default signer of its letters
    return village


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # noqa: PT004 - extends pytest-django's
    from tenants import schema
    from tenants.models import Village

    with django_db_blocker.unblock():
        schema.template_ensure()
        for spec in (VILLAGE_A, VILLAGE_B, VILLAGE_X):
            _ensure_village(spec)
        connection.set_schema_to_public()
        SESSION_VILLAGE_ROWS.extend(
            Village.objects.filter(
                slug__in=[VILLAGE_A["slug"], VILLAGE_B["slug"], VILLAGE_X["slug"]]
            ).values()
        )
    yield


# The session villages' rows as provisioned. Their table survives a transactional
# test's flush (below), so whatever such a test committed on them (a suspension, plan
# limits, a custom status) is put back afterwards by ``_session_villages_restored``.
SESSION_VILLAGE_ROWS: list[dict] = []


@pytest.fixture(autouse=True)
def _session_villages_restored(request, django_db_blocker) -> Iterator[None]:
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None
        and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )
    if not transactional or not SESSION_VILLAGE_ROWS:
        return
    from tenants import routing
    from tenants.models import Village

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        for row in SESSION_VILLAGE_ROWS:
            fields = {k: v for k, v in row.items() if k != "id"}
            Village.objects.filter(pk=row["id"]).update(**fields)
    routing.cache.clear()


# Public tables that a transactional test's closing flush must not empty: the session
# villages, their routing and template state, and the (large) reference data.
PRESERVED_TABLES = (
    "tenants_village",
    "tenants_domain",
    "tenants_schematemplate",
    "tenants_routingstate",
    "taxes_taxrule",  # seeded by a data migration
)
PRESERVED_PREFIXES = ("reference_",)
# ... except the audit of ``wilayah apply``, which tests write like any other row.
FLUSHED_ANYWAY = ("reference_editionapplication", "reference_editionapplicationitem")


def _preserve_tables_on_flush() -> None:
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush
    if getattr(original, "_balai_preserving", False):
        return

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        kept = [
            t
            for t in tables
            if t not in PRESERVED_TABLES
            and (t in FLUSHED_ANYWAY or not t.startswith(PRESERVED_PREFIXES))
        ]
        return original(
            self, style, kept, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )

    sql_flush._balai_preserving = True  # type: ignore[attr-defined]
    DatabaseOperations.sql_flush = sql_flush


_preserve_tables_on_flush()


@pytest.fixture
def village(db):
    from tenants.models import Village

    return Village.objects.get(slug=VILLAGE_A["slug"])


@pytest.fixture
def village_b(db):
    from tenants.models import Village

    return Village.objects.get(slug=VILLAGE_B["slug"])


@pytest.fixture
def village_x(db):
    from tenants.models import Village

    return Village.objects.get(slug=VILLAGE_X["slug"])


@pytest.fixture(autouse=True)
def _indonesian_between_tests() -> Iterator[None]:
    """``LocaleMiddleware`` activates each request's language for the thread and
    nothing switches it back: after a test client's English request, everything the
    same worker ran next (services' messages, other tests) would speak English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _public_schema_after_test() -> Iterator[None]:
    """Every test starts and ends on the public schema, whatever it or a wider-scoped
    fixture did before (a control-plane row made on a village's search path lands in
    the village's own ``auth_user`` or device table)."""
    connection.set_schema_to_public()
    yield
    connection.set_schema_to_public()


@pytest.fixture
def village_client(village) -> Client:
    """An anonymous client on the village's host; ``.village`` is that village."""
    client = Client(HTTP_HOST=village.host)
    client.village = village  # type: ignore[attr-defined]
    return client


@pytest.fixture
def public_client(settings) -> Client:
    return Client(HTTP_HOST=settings.BALAI_DOMAIN)


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


def pytest_collection_modifyitems(config, items):
    if chromium_path() or os.environ.get("BALAI_REQUIRE_E2E") == "1":
        return
    skip = pytest.mark.skip(
        reason="Chromium tidak terpasang (apt-get install chromium); set BALAI_REQUIRE_E2E=1 untuk mewajibkan"
    )
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)

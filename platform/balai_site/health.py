"""Liveness, readiness and metrics endpoints that answer on any Host header.

Kubernetes probes and Prometheus address a pod by its IP, which is neither the
platform domain nor a village host, so these paths are served by a middleware
placed first in ``MIDDLEWARE``, before tenant routing would turn them into a 404.

- ``/healthz``: the process answers (no database access: a database outage must not
  make Kubernetes restart every pod).
- ``/readyz``: the database answers, the public schema has every shared-app
  migration the code knows, and the template schema is at the code's migration
  fingerprint (new villages are cloned from it). A pod that fails this is taken out
  of the Service until the migration Job has run.
- ``/metrics``: Prometheus text format (see ``balai_site.metrics``), only with
  ``Authorization: Bearer $METRICS_TOKEN``; without a token it answers in
  development only.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

log = logging.getLogger(__name__)

HEALTH_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


@dataclass
class Readiness:
    """Outcome of the readiness checks; ``problems`` name what is wrong, never data."""

    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@cache
def _shared_code_migrations() -> frozenset[tuple[str, str]]:
    """Migrations of shared apps on disk (computed once per process: code does not change)."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    names = set(settings.SHARED_APPS)
    labels = {c.label for c in apps.get_app_configs() if c.name in names}
    loader = MigrationLoader(None, ignore_no_migrations=True, load=True)
    return frozenset(key for key in loader.disk_migrations if key[0] in labels)


def readiness_check(*, using: str = DEFAULT_DB_ALIAS) -> Readiness:
    """Check the database and the migration state the code needs; never raises.

    Two small queries: the public ``django_migrations`` table and the template
    schema's. Runs on the public schema whatever the connection was left on.
    """
    from tenants import schema

    result = Readiness()
    conn = connections[using]
    try:
        if getattr(conn, "schema_name", "public") != "public":
            conn.set_schema_to_public()
        with conn.cursor() as cur:
            cur.execute('SELECT app, name FROM "public".django_migrations')
            applied = set(cur.fetchall())
    except Exception as exc:  # noqa: BLE001 - any database failure means "not ready"
        log.warning("readyz: database unreachable: %s", type(exc).__name__)
        result.problems.append("database unreachable")
        _close_quietly(conn)
        return result

    missing = _shared_code_migrations() - applied
    if missing:
        result.problems.append(f"public schema: {len(missing)} migration(s) pending")

    try:
        template_fp = schema.fingerprint(_template_migrations(conn))
    except Exception as exc:  # noqa: BLE001
        log.warning("readyz: template check failed: %s", type(exc).__name__)
        result.problems.append("template schema unreadable")
        _close_quietly(conn)
        return result
    if template_fp != schema.code_fingerprint():
        result.problems.append("template schema not at the code's migrations")
    return result


def _template_migrations(conn) -> list[tuple[str, str]]:
    from tenants import schema

    name = settings.TEMPLATE_SCHEMA_NAME
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass(%s)", [f'"{name}".django_migrations'])
        if cur.fetchone()[0] is None:
            return []
        cur.execute(f'SELECT app, name FROM "{name}".django_migrations')  # noqa: S608 - setting
        labels = set(schema.tenant_app_labels())
        return sorted((a, n) for a, n in cur.fetchall() if a in labels)


def _close_quietly(conn) -> None:
    try:
        conn.close()
    except Exception:  # noqa: BLE001, S110 - the connection is broken already
        pass


def metrics_allowed(request: HttpRequest) -> bool:
    """Bearer token when ``METRICS_TOKEN`` is set; otherwise only in development."""
    token = settings.METRICS_TOKEN
    if not token:
        return bool(settings.DEBUG)
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)


def _json(payload: dict, status: int) -> HttpResponse:
    response = HttpResponse(json.dumps(payload), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


class HealthMiddleware:
    """Serves the health paths before routing, and times every other request.

    Request metrics are labelled by method, resolved route name and status class:
    never by host or village, so the number of series does not grow with the fleet.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path in HEALTH_PATHS and request.method in {"GET", "HEAD"}:
            return self.serve(request, path)
        from balai_site import metrics

        started = time.perf_counter()
        response = self.get_response(request)
        metrics.request_observe(
            method=request.method or "",
            route=metrics.route_name(request),
            status=response.status_code,
            seconds=time.perf_counter() - started,
        )
        return response

    def serve(self, request: HttpRequest, path: str) -> HttpResponse:
        if path == "/healthz":
            return _json({"status": "ok"}, 200)
        if path == "/readyz":
            readiness = readiness_check()
            if readiness.ok:
                return _json({"status": "ready"}, 200)
            return _json({"status": "not ready", "problems": readiness.problems}, 503)
        if not metrics_allowed(request):
            return HttpResponse("forbidden\n", status=403, content_type="text/plain")
        from balai_site import metrics

        body, content_type = metrics.metrics_render()
        return HttpResponse(body, content_type=content_type)

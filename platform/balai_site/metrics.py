"""Prometheus metrics: request rate and latency in-process, fleet state read at scrape time.

Labels never name a village or host: a fleet of 10,000 villages must not become
10,000 series per metric. Requests are labelled by the resolved route name
(``penduduk:list``), which is bounded by the code.

Under gunicorn every worker is its own process; when ``PROMETHEUS_MULTIPROC_DIR``
is set (the entrypoint sets it) the request metrics are written to files there and
merged at scrape, so any worker can answer for all of them. Gauges about the
fleet (villages by status, task queue depth and failures, provisioning and
upgrade outcomes) are read from PostgreSQL on each scrape, so they are the same
whichever pod answers and need no bookkeeping in the code that changes them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

from django.db import connection
from django.http import HttpRequest
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

REQUESTS = Counter(
    "balai_http_requests",
    "HTTP requests by method, route name and status class.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "balai_http_request_duration_seconds",
    "HTTP request latency by method and route name.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def route_name(request: HttpRequest) -> str:
    """The resolved view name, or a fixed placeholder: never the path (it may hold ids)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unrouted>"
    return match.view_name or match.route or "<unnamed>"


def request_observe(*, method: str, route: str, status: int, seconds: float) -> None:
    method = method if method in KNOWN_METHODS else "OTHER"
    REQUESTS.labels(method=method, route=route, status=f"{status // 100}xx").inc()
    LATENCY.labels(method=method, route=route).observe(seconds)


class FleetCollector(Collector):
    """Gauges read from the public schema at scrape time (a handful of grouped counts)."""

    QUERIES = (
        (
            "balai_villages",
            "Villages by lifecycle status.",
            ["status"],
            "SELECT status, count(*) FROM public.tenants_village GROUP BY status",
        ),
        (
            "balai_village_upgrades",
            "Villages by fleet-upgrade status (empty: never upgraded).",
            ["upgrade_status"],
            "SELECT coalesce(nullif(upgrade_status, ''), 'none'), count(*)"
            " FROM public.tenants_village GROUP BY 1",
        ),
        (
            "balai_lifecycle_events",
            "Lifecycle events (provisioning, suspension, …) recorded so far, by action.",
            ["action"],
            "SELECT action, count(*) FROM public.tenants_lifecycleevent GROUP BY action",
        ),
        (
            "balai_provisioning_steps",
            "Provisioning steps by step and outcome (done, failed, running).",
            ["step", "outcome"],
            "SELECT name, CASE WHEN finished_at IS NOT NULL THEN 'done'"
            " WHEN error <> '' THEN 'failed' ELSE 'running' END, count(*)"
            " FROM public.onboarding_provisioningstep GROUP BY 1, 2",
        ),
        (
            "balai_fleet_runs",
            "Fleet upgrade runs by kind and outcome.",
            ["kind", "status"],
            "SELECT kind, status, count(*) FROM public.fleet_upgraderun GROUP BY 1, 2",
        ),
        (
            "balai_fleet_attempts",
            "Per-village upgrade attempts by outcome (ok, failed).",
            ["status"],
            "SELECT status, count(*) FROM public.fleet_upgradeattempt GROUP BY status",
        ),
        (
            "balai_task_jobs",
            "Task queue jobs by queue and status (todo = queue depth, failed = failures).",
            ["queue", "status"],
            "SELECT queue_name, status::text, count(*) FROM public.procrastinate_jobs"
            " GROUP BY 1, 2",
        ),
    )

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            if getattr(connection, "schema_name", "public") != "public":
                connection.set_schema_to_public()
            rows = []
            with connection.cursor() as cur:
                for _, _, _, sql in self.QUERIES:
                    cur.execute(sql)
                    rows.append(cur.fetchall())
        except Exception as exc:  # noqa: BLE001 - a scrape must not fail on a DB outage
            log.warning("metrics: database unavailable: %s", type(exc).__name__)
            up = GaugeMetricFamily("balai_database_up", "Database answered the scrape queries.")
            up.add_metric([], 0)
            yield up
            return
        up = GaugeMetricFamily("balai_database_up", "Database answered the scrape queries.")
        up.add_metric([], 1)
        yield up
        for (name, doc, labels, _), result in zip(self.QUERIES, rows, strict=True):
            family = GaugeMetricFamily(name, doc, labels=labels)
            for *values, count in result:
                family.add_metric([str(v) for v in values], count)
            yield family


def _process_registry() -> CollectorRegistry:
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        return REGISTRY
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=directory)
    return registry


def metrics_render() -> tuple[bytes, str]:
    """Request metrics of this pod (all workers) followed by the fleet gauges."""
    fleet = CollectorRegistry()
    fleet.register(FleetCollector())
    return generate_latest(_process_registry()) + generate_latest(fleet), CONTENT_TYPE_LATEST

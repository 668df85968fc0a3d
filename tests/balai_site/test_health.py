"""/healthz, /readyz and /metrics: any Host, real database, real migration state."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client

from balai_site import health
from tenants.models import Village

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pod_ip_client() -> Client:
    """Kubernetes probes address the pod by IP: neither the platform domain nor a village."""
    return Client(HTTP_HOST="10.42.0.17:8000")


def test_healthz_answers_on_pod_ip_without_database(pod_ip_client):
    # No db fixture: pytest-django would raise on any database access.
    response = pod_ip_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_unknown_host_still_gets_routing_404_for_other_paths(pod_ip_client, db):
    assert pod_ip_client.get("/").status_code == 404


@pytest.mark.django_db
def test_readyz_passes_when_migrated(pod_ip_client):
    response = pod_ip_client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ready"}


@pytest.mark.django_db
def test_readyz_on_village_host_after_village_request(village, village_client):
    # A connection left on a village schema must not fool the public-schema check.
    connection.set_tenant(village)
    response = village_client.get("/readyz")
    assert response.status_code == 200, response.content


@pytest.mark.django_db
def test_readyz_fails_when_public_migration_pending(pod_ip_client):
    with connection.cursor() as cur:
        cur.execute(
            "DELETE FROM public.django_migrations WHERE app = 'tenants' AND name = '0001_initial'"
        )
    response = pod_ip_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["public schema: 1 migration(s) pending"]


@pytest.mark.django_db
def test_readyz_fails_when_template_schema_behind(pod_ip_client):
    template = settings.TEMPLATE_SCHEMA_NAME
    with connection.cursor() as cur:
        cur.execute(
            f'DELETE FROM "{template}".django_migrations WHERE id = '
            f"(SELECT max(id) FROM \"{template}\".django_migrations WHERE app = 'akun')"
        )
    response = pod_ip_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["template schema not at the code's migrations"]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_readiness_check_fails_when_database_unreachable():
    alias = "unreachable"
    connections.settings[alias] = {
        **connections.settings["default"],
        "HOST": "127.0.0.1",
        "PORT": _closed_port(),
        "OPTIONS": {"connect_timeout": 2},
    }
    try:
        result = health.readiness_check(using=alias)
        assert not result.ok
        assert result.problems == ["database unreachable"]
        # The same check on the real database is fine: the failure came from the outage.
        assert health.readiness_check().ok
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def test_process_with_database_down_is_alive_but_not_ready(tmp_path):
    """A whole process whose DATABASE_URL points at a closed port: 200 /healthz, 503 /readyz."""
    script = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='10.0.0.9')\n"
        "print(json.dumps([c.get('/healthz').status_code, c.get('/readyz').status_code,"
        " c.get('/readyz').json()]))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "balai_site.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{_closed_port()}/nothing",
        "DEBUG": "true",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
    }
    env.pop("BALAI_TESTING", None)
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    healthz, readyz, body = json.loads(out.stdout.strip().splitlines()[-1])
    assert (healthz, readyz) == (200, 503)
    assert body["problems"] == ["database unreachable"]


# --- /metrics ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_metrics_require_token_in_production(pod_ip_client, settings):
    settings.DEBUG = False
    settings.METRICS_TOKEN = "rahasia-metrik-uji"
    assert pod_ip_client.get("/metrics").status_code == 403
    wrong = pod_ip_client.get("/metrics", HTTP_AUTHORIZATION="Bearer salah")
    assert wrong.status_code == 403
    ok = pod_ip_client.get("/metrics", HTTP_AUTHORIZATION="Bearer rahasia-metrik-uji")
    assert ok.status_code == 200


@pytest.mark.django_db
def test_metrics_closed_in_production_without_token(pod_ip_client, settings):
    settings.DEBUG = False
    settings.METRICS_TOKEN = ""
    assert pod_ip_client.get("/metrics").status_code == 403


def _scrape(client) -> tuple[str, dict[tuple[str, tuple], float]]:
    from prometheus_client.parser import text_string_to_metric_families

    body = client.get("/metrics", HTTP_AUTHORIZATION="Bearer rahasia-metrik-uji").content.decode()
    samples = {}
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return body, samples


@pytest.mark.django_db
def test_metrics_report_routes_not_villages(pod_ip_client, village_client, village, settings):
    settings.METRICS_TOKEN = "rahasia-metrik-uji"
    failed = ("balai_task_jobs", (("queue", "provisioning"), ("status", "failed")))
    todo = ("balai_task_jobs", (("queue", "default"), ("status", "todo")))
    unrouted = (
        "balai_http_requests_total",
        (("method", "GET"), ("route", "<unrouted>"), ("status", "4xx")),
    )
    _, before = _scrape(pod_ip_client)

    village_client.get("/")
    village_client.get("/halaman-yang-tidak-ada/")
    Client(HTTP_HOST="desa-tak-dikenal.localhost").get("/")
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO public.procrastinate_jobs (queue_name, task_name, args, status)"
            " VALUES ('provisioning', 't', '{}', 'failed'), ('default', 't', '{}', 'todo')"
        )
    body, after = _scrape(pod_ip_client)

    assert after[failed] == before.get(failed, 0) + 1
    assert after[todo] == before.get(todo, 0) + 1
    assert after[unrouted] >= before.get(unrouted, 0) + 1
    assert "balai_http_request_duration_seconds_bucket" in body
    # No series carries a host or a village name.
    for needle in (village.slug, village.schema_name, village.host, "desa-tak-dikenal"):
        assert needle not in body
    active = Village.objects.filter(status="active").count()
    assert after[("balai_villages", (("status", "active"),))] == active
    assert after[("balai_database_up", ())] == 1
    assert after[("balai_lifecycle_events", (("action", "activated"),))] >= 3


@pytest.mark.django_db
def test_request_metrics_label_by_route_name(village_client):
    from balai_site import metrics

    response = village_client.get("/")
    route = response.resolver_match.view_name
    assert route and "/" not in route
    counter = metrics.REQUESTS.labels(
        method="GET", route=route, status=f"{response.status_code // 100}xx"
    )
    before = counter._value.get()
    village_client.get("/")
    assert counter._value.get() == before + 1


@pytest.mark.django_db
def test_metrics_report_fleet_upgrade_outcomes(pod_ip_client, village, settings):
    from control_plane.fleet.models import UpgradeAttempt, UpgradeRun

    settings.METRICS_TOKEN = "rahasia-metrik-uji"
    halted = ("balai_fleet_runs", (("kind", "contract"), ("status", "halted")))
    failed = ("balai_fleet_attempts", (("status", "failed"),))
    _, before = _scrape(pod_ip_client)
    run = UpgradeRun.objects.create(kind="contract", ring="all", actor="uji", status="halted")
    UpgradeAttempt.objects.create(
        run=run, village=village, status="failed", from_fingerprint="a", to_fingerprint="b"
    )
    _, after = _scrape(pod_ip_client)
    assert after[halted] == before.get(halted, 0) + 1
    assert after[failed] == before.get(failed, 0) + 1


@pytest.mark.django_db
def test_metrics_report_provisioning_outcomes(pod_ip_client, settings):
    from control_plane.onboarding.models import ProvisioningStep
    from tenants import services

    settings.METRICS_TOKEN = "rahasia-metrik-uji"
    failed = ("balai_provisioning_steps", (("outcome", "failed"), ("step", "schema")))
    done = ("balai_provisioning_steps", (("outcome", "done"), ("step", "active")))
    _, before = _scrape(pod_ip_client)
    pending = services.village_create(
        code="1801042099", name="Gagal Uji", slug="gagal-uji", actor="uji"
    )
    ProvisioningStep.objects.create(village=pending, name="schema", error="pg_dump gagal")
    _, after = _scrape(pod_ip_client)
    assert after[failed] == before.get(failed, 0) + 1
    assert after[done] >= 3, "the session villages were provisioned"

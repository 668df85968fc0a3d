"""Host → village routing: cached, zero queries when warm, friendly 404, invalidation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants import routing
from tenants.models import Domain


@pytest.fixture(autouse=True)
def _slow_generation_checks(settings):
    # The cross-process generation check runs at most once per interval; make the
    # interval long so a test observes only what it triggers.
    settings.ROUTING_GENERATION_CHECK_SECONDS = 3600
    routing.cache.clear()
    routing.cache.checked_at = 0.0


def test_village_page_shows_village_name(village_client, village):
    response = village_client.get("/")
    assert response.status_code == 200
    assert village.name in response.content.decode()


def test_warm_request_makes_no_routing_query(village_client, village):
    assert village_client.get("/ping/").status_code == 200  # warm the cache
    with CaptureQueriesContext(connection) as ctx:
        response = village_client.get("/ping/")
    assert response.status_code == 200
    assert village.name in response.content.decode()
    assert len(ctx.captured_queries) == 0, [q["sql"] for q in ctx.captured_queries]


def test_cold_request_resolves_with_one_query(village_client):
    routing.cache.clear()
    routing.cache.checked_at = 10**12  # skip the generation check in this request
    with CaptureQueriesContext(connection) as ctx:
        village_client.get("/ping/")
    assert len(ctx.captured_queries) == 1
    assert "tenants_village" in ctx.captured_queries[0]["sql"]


def test_unknown_host_gets_indonesian_404(client, db):
    response = client.get("/", HTTP_HOST="tidakada.localhost")
    assert response.status_code == 404
    assert "Desa tidak ditemukan" in response.content.decode()


def test_unknown_custom_domain_gets_404(client, db):
    response = client.get("/apa/saja/", HTTP_HOST="bukan-desa.example.org")
    assert response.status_code == 404


def test_platform_domain_serves_control_plane(public_client):
    response = public_client.get("/")
    assert response.status_code == 200
    assert "Balai" in response.content.decode()


def test_two_villages_get_their_own_pages(client, village, village_b):
    a = client.get("/ping/", HTTP_HOST=village.host).content.decode()
    b = client.get("/ping/", HTTP_HOST=village_b.host).content.decode()
    assert village.name in a and village.name not in b
    assert village_b.name in b


def test_custom_domain_routes_immediately_after_verification(client, village):
    assert (
        client.get("/ping/", HTTP_HOST="hajimena.desa.id").status_code == 404
    )  # negative cache filled
    Domain.objects.create(
        domain="hajimena.desa.id", tenant=village, is_primary=False, status="verified"
    )
    response = client.get("/ping/", HTTP_HOST="hajimena.desa.id")
    assert response.status_code == 200
    assert village.name in response.content.decode()


def test_generation_change_from_another_process_drops_cache(village_client, village, settings):
    village_client.get("/ping/")
    assert len(routing.cache) >= 1
    # Another process bumped the generation (simulated by writing the row directly).
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO tenants_routingstate (id, generation) VALUES (1, 999) "
            "ON CONFLICT (id) DO UPDATE SET generation = tenants_routingstate.generation + 999"
        )
    routing.cache.generation = 0
    settings.ROUTING_GENERATION_CHECK_SECONDS = 0
    routing.cache.checked_at = 0.0
    routing._check_generation(now=10.0)
    assert len(routing.cache) == 0


def test_cache_is_bounded():
    small = routing.RoutingCache(maxsize=3, ttl=60)
    for i in range(10):
        small.put(f"h{i}", None, now=0.0)
    assert len(small) == 3
    assert small.get("h9", now=1.0) is None
    assert small.get("h0", now=1.0) is routing._MISSING


def test_cache_entries_expire():
    c = routing.RoutingCache(maxsize=10, ttl=5)
    c.put("a", None, now=0.0)
    assert c.get("a", now=1.0) is None
    assert c.get("a", now=100.0) is routing._MISSING

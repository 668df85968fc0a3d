"""Cross-village isolation at the foundation: sessions, cache keys, schema state, tasks.

Village A = Hajimena, B = Sidosari (same kabupaten), X = a village of another kabupaten.
"""

import logging

import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django_tenants.utils import schema_context

from tenants.context import in_village, village_context
from tests.support.builders import village_login
from village_apps.akun.services import village_user_create
from village_apps.profil.models import ProfilDesa

pytestmark = pytest.mark.security


@pytest.fixture
def admin_a(village):
    with village_context(village):
        return village_user_create(username="admin-a", role="admin", password="sandi-admin-a-123")


def test_session_cookie_of_a_is_worthless_on_b(village, village_b, admin_a, caplog):
    a = village_login(Client(HTTP_HOST=village.host), admin_a, village)
    assert a.get("/kelola/audit/").status_code == 200
    cookie = a.cookies["sessionid"].value
    b = Client(HTTP_HOST=village_b.host)
    b.cookies["sessionid"] = cookie
    with caplog.at_level(logging.WARNING):
        response = b.get("/kelola/audit/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_village_admin_session_is_worthless_on_the_control_plane(village, admin_a, settings):
    a = village_login(Client(HTTP_HOST=village.host), admin_a, village)
    cp = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    cp.cookies["sessionid"] = a.cookies["sessionid"].value
    response = cp.get("/")
    assert response.wsgi_request.user.is_authenticated is False


def test_same_cache_key_in_two_villages_holds_two_values(village, village_b):
    with village_context(village):
        cache.set("statistik:beranda", "A")
    with village_context(village_b):
        assert cache.get("statistik:beranda") is None
        cache.set("statistik:beranda", "B")
    with village_context(village):
        assert cache.get("statistik:beranda") == "A"


def test_task_for_a_runs_in_a_although_connection_served_b(village, village_b):
    @in_village
    def read_name(*, village):
        return ProfilDesa.objects.get().nama_desa

    connection.set_tenant(village_b)
    assert read_name(village=village.slug) == village.name
    assert connection.schema_name == "public"  # left on public, not on A or B


def test_search_path_is_right_after_an_error_in_a_village(village, village_b):
    with village_context(village):
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("SELECT * FROM tabel_yang_tidak_ada")
        assert ProfilDesa.objects.get().nama_desa == village.name
    with village_context(village_b):
        assert ProfilDesa.objects.get().nama_desa == village_b.name


def test_persistent_connection_serves_a_then_b_then_a(client, village, village_b):
    for v in (village, village_b, village, village_b):
        with schema_context("public"):
            pass
        response = client.get("/", HTTP_HOST=v.host)
        assert response.status_code == 200
        body = response.content.decode()
        assert v.name in body
        other = village_b if v == village else village
        assert other.name not in body


def test_error_in_a_request_does_not_leak_schema_to_next_request(client, village, village_b):
    # A write to A that fails inside the request (suspension check aside, a bad POST target)
    client.post("/tidak-ada/", HTTP_HOST=village.host)
    response = client.get("/", HTTP_HOST=village_b.host)
    assert village_b.name in response.content.decode()
    assert village.name not in response.content.decode()

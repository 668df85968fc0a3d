"""Ops console: village list (bounded queries, search, filter) and lifecycle actions;
a contract manager attaches a custom domain only in their kabupaten."""

import pytest
from django.test import Client

from tests.control_plane.onboarding.helpers import PASSWORD, make_staff, totp_now


def login(user, settings) -> Client:
    client = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    client.post("/akun/otp/", {"token": totp_now(user)})
    return client


@pytest.mark.django_db
def test_village_list_queries_do_not_grow(settings, village, django_assert_max_num_queries):
    client = login(make_staff("ops-c", "ops"), settings)
    with django_assert_max_num_queries(12):
        r = client.get("/ops/desa/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "Hajimena" in body and "Sidosari" in body
    r = client.get("/ops/desa/", {"q": "haji"})
    assert "Hajimena" in r.content.decode() and "Sidosari" not in r.content.decode()
    r = client.get("/ops/desa/", {"status": "archived"})
    assert "Tidak ada desa." in r.content.decode()


@pytest.mark.django_db
def test_suspend_resume_from_console(settings, village):
    client = login(make_staff("ops-d", "ops"), settings)
    r = client.post(f"/ops/desa/{village.slug}/suspend/", {"reason": "operations", "note": "uji"})
    assert r.status_code == 302
    village.refresh_from_db()
    assert village.status == "suspended"
    client.post(f"/ops/desa/{village.slug}/resume/", {"reason": "operations"})
    village.refresh_from_db()
    assert village.status == "active"
    r = client.post(f"/ops/desa/{village.slug}/delete/", {"confirm": village.slug})
    village.refresh_from_db()  # refused: no export yet
    detail = client.get(f"/ops/desa/{village.slug}/").content.decode()
    assert "Ekspor desa ini dahulu" in detail and "suspended" in detail


@pytest.mark.django_db
def test_manager_adds_domain_only_in_own_kabupaten(settings, village, village_x):
    client = login(make_staff("m-dom", "contract_manager", "1801"), settings)
    client.post(f"/daftar/desa/{village.slug}/domain/", {"domain": "hajimena.lampungselatan.go.id"})
    assert village.domains.filter(domain="hajimena.lampungselatan.go.id").exists()
    r = client.post(f"/daftar/desa/{village_x.slug}/domain/", {"domain": "lain.desa.id"})
    assert r.status_code == 404 and not village_x.domains.exists()
    assert client.get("/ops/desa/").status_code == 403

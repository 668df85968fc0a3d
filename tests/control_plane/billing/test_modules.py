"""Plan modules (issue 7): a contract's plan switches village modules on and off.

Lengkap → Dasar makes APBDes (and the rest of the keuangan module) answer an
explanation page on that contract's villages and hides it from the navigation,
while other contracts' villages are untouched; back to Lengkap shows the data again.
The limits travel with the routing cache: a warm request still makes no query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver

from balai_kernel.actor import Actor
from control_plane.billing import services
from control_plane.billing.models import BillingEvent, Plan
from control_plane.billing.services import contract_amend
from tenants import routing
from tenants.context import village_context
from tenants.models import LifecycleEvent, RoutingState, Village
from tenants.modules import BY_CODE, BY_NAMESPACE, MODULES
from tests.control_plane.billing.fixtures import contract_make
from tests.support.builders import village_login
from village_apps.akun.services import village_user_create
from village_apps.keuangan import services as keuangan

pytestmark = [pytest.mark.billing, pytest.mark.django_db]

OFF_TEXT = "Modul Keuangan tidak termasuk paket Dasar desa ini."


@pytest.fixture(autouse=True)
def _fresh_routing_cache():
    """Villages live in preserved tables but these tests change them inside a rolled
    back transaction: the routing cache must not outlive a test (cached pages are
    emptied for every test by ``tests/support``)."""
    routing.cache.clear()
    yield
    routing.cache.clear()


@pytest.fixture
def lengkap(db):
    return Plan.objects.create(
        code="lengkap", name="Lengkap", modules=["penduduk", "surat", "web", "keuangan"]
    )


@pytest.fixture
def dasar(db):
    return Plan.objects.create(code="dasar", name="Dasar", modules=["penduduk", "surat", "web"])


def _operator(village, username="bendahara"):
    with village_context(village):
        return village_user_create(username=username, role="operator", password="sandi-kuat-12345")


def _apbdes(village, uraian="Dana Desa tahap I"):
    with village_context(village):
        apbdes = keuangan.apbdes_create(tahun=2025)
        keuangan.baris_save(
            apbdes=apbdes,
            kelompok="pendapatan",
            kode="4.2.1",
            uraian=uraian,
            anggaran=900_000_000,
        )


def _tenant_namespaces() -> set[str]:
    return {
        p.namespace
        for p in get_resolver("balai_site.urls_tenant").url_patterns
        if isinstance(p, URLResolver) and p.namespace
    }


def test_every_village_namespace_belongs_to_exactly_one_module():
    namespaces = _tenant_namespaces()
    assert "keuangan" in namespaces and "web" in namespaces
    assert namespaces - set(BY_NAMESPACE) == set(), "classify new apps in tenants/modules.py"
    assert sum(len(m.namespaces) for m in MODULES) == len(BY_NAMESPACE)
    # The codes the first plans used stay valid.
    assert {"penduduk", "surat", "web", "keuangan"} <= set(BY_CODE)
    assert {m.code for m in MODULES if m.switchable} == {"surat", "web", "keuangan"}


def test_plan_change_switches_keuangan_for_that_contracts_villages_only(
    client, village, village_x, lengkap, dasar, django_capture_on_commit_callbacks
):
    ours = contract_make(plan=lengkap)
    theirs = contract_make(plan=lengkap, code="1802", name="Kabupaten Lain")
    services.contract_seat_attach(contract=ours, village=village, actor=Actor.named("t"))
    services.contract_seat_attach(contract=theirs, village=village_x, actor=Actor.named("t"))
    _apbdes(village)
    _apbdes(village_x, uraian="Dana Desa kabupaten lain")
    village_login(client, _operator(village), village)
    host = {"HTTP_HOST": village.host}

    assert client.get("/keuangan/2025/", **host).status_code == 200
    assert 'href="/keuangan/kelola/"' in client.get("/kelola/penduduk/", **host).content.decode()

    generation = RoutingState.objects.filter(pk=1).values_list("generation", flat=True).first()
    with django_capture_on_commit_callbacks(execute=True):
        contract_amend(contract=ours, actor=Actor.named("ops"), plan=dasar)
    # Every other process learns it through the routing generation.
    assert RoutingState.objects.get(pk=1).generation > (generation or 0)

    village.refresh_from_db()
    assert village.modules == ["surat", "web"] and village.modules_plan == "Dasar"
    for path in ("/keuangan/", "/keuangan/2025/", "/keuangan/kelola/", "/bantuan/kelola/"):
        response = client.get(path, **host)
        assert response.status_code == 404, path
        assert OFF_TEXT in response.content.decode(), path
        assert "Hubungi pengelola kontrak kabupaten." in response.content.decode()
    assert client.post("/keuangan/kelola/", {"tahun": 2026}, **host).status_code == 404
    anonymous = Client(HTTP_HOST=village.host)
    public = anonymous.get("/pembangunan/")
    assert public.status_code == 404 and "tidak termasuk paket Dasar" in public.content.decode()
    nav = client.get("/kelola/penduduk/", **host).content.decode()
    assert 'href="/keuangan/kelola/"' not in nav and 'href="/pembangunan/kelola/"' not in nav
    assert 'href="/surat/kelola/"' in nav  # Dasar keeps letters
    assert client.get("/surat/kelola/", **host).status_code == 200
    home = anonymous.get("/").content.decode()
    assert 'href="/keuangan/"' not in home and 'href="/berita/"' in home

    # The other contract's village still has APBDes.
    other = client.get("/keuangan/2025/", HTTP_HOST=village_x.host)
    assert other.status_code == 200 and "Dana Desa kabupaten lain" in other.content.decode()

    # Audited: one billing event on the contract, one lifecycle event per village.
    event = BillingEvent.objects.filter(contract=ours, action="modules_synced").first()
    assert event.details["modules"] == ["surat", "web"] and event.details["plan"] == "dasar"
    assert event.details["villages"] == [village.code]
    # The other contract's only sync is the one from attaching its village.
    assert BillingEvent.objects.filter(contract=theirs, action="modules_synced").count() == 1
    change = LifecycleEvent.objects.filter(village=village, action="modules_changed").first()
    assert change.details == {"from": ["keuangan", "surat", "web"], "to": ["surat", "web"],
                              "plan": "Dasar"}  # fmt: skip

    # Back to Lengkap: the same data, the menu entry back.
    contract_amend(contract=ours, actor=Actor.named("ops"), plan=lengkap)
    back = client.get("/keuangan/kelola/2025/", **host)
    assert back.status_code == 200 and "Dana Desa tahap I" in back.content.decode()
    assert "Dana Desa tahap I" in anonymous.get("/keuangan/2025/").content.decode()
    assert 'href="/keuangan/kelola/"' in client.get("/kelola/penduduk/", **host).content.decode()


def test_website_off_keeps_the_home_page(client, village, dasar):
    basic = Plan.objects.create(code="surat-saja", name="Surat Saja", modules=["surat"])
    contract = contract_make(plan=dasar)
    services.contract_seat_attach(contract=contract, village=village, actor=Actor.named("t"))
    assert client.get("/berita/", HTTP_HOST=village.host).status_code == 200
    services.plan_modules_change(
        plan=dasar, modules=["penduduk", "surat"], actor=Actor.named("ops")
    )
    home = client.get("/", HTTP_HOST=village.host)
    assert home.status_code == 200 and village.name in home.content.decode()
    assert 'href="/berita/"' not in home.content.decode()
    for path in ("/berita/", "/pengaduan/", "/kelola/web/", "/sitemap.xml"):
        response = client.get(path, HTTP_HOST=village.host)
        assert response.status_code == 404, path
        assert "Modul Situs web tidak termasuk paket Dasar" in response.content.decode()
    assert client.get("/robots.txt", HTTP_HOST=village.host).status_code == 200
    assert basic.modules == ["surat"]


def test_village_leaving_the_contract_has_no_limits(client, village, dasar):
    contract = contract_make(plan=dasar)
    services.contract_seat_attach(contract=contract, village=village, actor=Actor.named("t"))
    assert client.get("/keuangan/", HTTP_HOST=village.host).status_code == 404
    assert services.contract_seat_release(village=village, actor=Actor.named("ops")) == contract
    village.refresh_from_db()
    assert village.modules is None and village.modules_plan == ""
    assert client.get("/keuangan/", HTTP_HOST=village.host).status_code == 200
    assert BillingEvent.objects.filter(contract=contract, action="seat_released").exists()
    assert services.contract_seat_release(village=village, actor=Actor.named("ops")) is None


def test_plan_edit_applies_to_every_contract_on_the_plan(village, village_x, dasar, lengkap):
    a = contract_make(plan=dasar)
    b = contract_make(plan=dasar, code="1802", name="Kabupaten Lain")
    services.contract_seat_attach(contract=a, village=village, actor=Actor.named("t"))
    services.contract_seat_attach(contract=b, village=village_x, actor=Actor.named("t"))
    services.plan_modules_change(
        plan=dasar, modules=["penduduk", "surat", "web", "keuangan"], actor=Actor.named("ops")
    )
    assert (
        list(
            Village.objects.filter(pk__in=[village.pk, village_x.pk]).values_list(
                "modules", flat=True
            )
        )
        == [["keuangan", "surat", "web"]] * 2
    )
    with pytest.raises(services.BillingError, match="apbdes"):
        services.plan_modules_change(plan=dasar, modules=["apbdes"], actor=Actor.named("ops"))
    # An empty list means no limits (as the selector always read it).
    services.plan_modules_change(plan=dasar, modules=[], actor=Actor.named("ops"))
    village.refresh_from_db()
    assert village.modules is None
    assert BillingEvent.objects.filter(action="plan_modules_changed").count() == 2


def test_sync_all_repairs_drift(village, village_b, dasar):
    contract = contract_make(plan=dasar)
    services.contract_seat_attach(contract=contract, village=village, actor=Actor.named("t"))
    Village.objects.filter(pk=village.pk).update(modules=None)  # e.g. attached before modules
    Village.objects.filter(pk=village_b.pk).update(modules=["surat"])  # no seat: no limits
    assert services.billing_modules_sync_all(actor=Actor.named("t")) == 2
    assert Village.objects.get(pk=village.pk).modules == ["surat", "web"]
    assert Village.objects.get(pk=village_b.pk).modules is None
    assert services.billing_modules_sync_all(actor=Actor.named("t")) == 0


def test_warm_requests_make_no_query_for_routing_or_modules(client, village, dasar, settings):
    settings.ROUTING_GENERATION_CHECK_SECONDS = 3600
    contract = contract_make(plan=dasar)
    services.contract_seat_attach(contract=contract, village=village, actor=Actor.named("t"))
    assert client.get("/ping/", HTTP_HOST=village.host).status_code == 200  # warm
    with CaptureQueriesContext(connection) as ctx:
        ping = client.get("/ping/", HTTP_HOST=village.host)
        refused = client.get("/keuangan/", HTTP_HOST=village.host)
    assert ping.status_code == 200
    assert refused.status_code == 404 and OFF_TEXT in refused.content.decode()
    assert len(ctx.captured_queries) == 0, [q["sql"] for q in ctx.captured_queries]


def _amend_data(contract, plan) -> dict:
    return {
        "kabupaten_name": contract.kabupaten_name,
        "number": contract.number,
        "starts_on": contract.starts_on.isoformat(),
        "ends_on": contract.ends_on.isoformat(),
        "seat_limit": str(contract.seat_limit or ""),
        "plan": plan.pk,
        "interval": contract.interval,
        "npwp": contract.npwp,
        "billing_name": contract.billing_name,
        "billing_email": contract.billing_email,
        "billing_address": contract.billing_address,
        "status": contract.status,
        "proration_policy": contract.proration_policy,
        "days_until_due": str(contract.days_until_due),
        "price_rupiah": str(contract.price_per_village // 100),
    }


def test_ops_switch_plans_edit_modules_and_release_villages_over_http(
    ops_client, client, village, lengkap, dasar
):
    contract = contract_make(plan=lengkap)
    services.contract_seat_attach(contract=contract, village=village, actor=Actor.named("t"))
    detail = ops_client.get(f"/kabupaten/{contract.pk}/").content.decode()
    assert 'id="modules"' in detail and "✓ Keuangan" in detail
    assert client.get("/keuangan/", HTTP_HOST=village.host).status_code == 200

    # The contract form changes the plan: the village loses keuangan at once.
    amended = ops_client.post(f"/kabupaten/{contract.pk}/ubah/", _amend_data(contract, dasar))
    assert amended.status_code == 302
    assert client.get("/keuangan/", HTTP_HOST=village.host).status_code == 404
    assert "✗ Keuangan" in ops_client.get(f"/kabupaten/{contract.pk}/").content.decode()
    console = ops_client.get(f"/ops/desa/{village.slug}/").content.decode()
    assert "Dasar — surat, web" in console

    # Ops adds keuangan to the Dasar plan itself: every village on it gets it back.
    plans = ops_client.get("/billing/paket/").content.decode()
    assert 'data-plan="dasar"' in plans and "✗ Keuangan" in plans
    edited = ops_client.post(
        f"/billing/paket/{dasar.pk}/modul/", {"modules": ["surat", "web", "keuangan"]}
    )
    assert edited.status_code == 302
    dasar.refresh_from_db()
    assert dasar.modules == ["keuangan", "penduduk", "surat", "web"]
    assert client.get("/keuangan/", HTTP_HOST=village.host).status_code == 200
    assert BillingEvent.objects.get(action="plan_modules_changed").actor == "ops-uji"

    # Releasing the village from the contract: unbilled, no plan limits.
    ops_client.post(f"/billing/paket/{dasar.pk}/modul/", {"modules": ["surat"]})
    assert client.get("/keuangan/", HTTP_HOST=village.host).status_code == 404
    released = ops_client.post(f"/kabupaten/{contract.pk}/desa/{village.slug}/lepaskan/")
    assert released.status_code == 302
    assert client.get("/keuangan/", HTTP_HOST=village.host).status_code == 200
    web = client.get("/kelola/web/", HTTP_HOST=village.host)
    assert web.status_code != 404
    # Not an error either: the anonymous client is sent to the login page.
    assert web.status_code == 302 and "/akun/masuk/" in web["Location"]


def test_village_hosts_never_serve_plan_pages(client, village):
    assert client.get("/billing/paket/", HTTP_HOST=village.host).status_code == 404

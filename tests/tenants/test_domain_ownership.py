"""Custom domains route only after their ownership is proven in DNS (issue 16, finding 11).

Every check talks to a real DNS server on loopback (``tests.dns_server``) through the
same resolver production uses; nothing in the lookup is replaced.
"""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.utils import timezone

from tenants import routing, services
from tenants.models import Domain, LifecycleEvent
from tests.control_plane.console.test_villages import login
from tests.control_plane.onboarding.helpers import make_staff
from tests.dns_server import dns_zone  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_routing():
    routing.cache.clear()
    yield
    routing.cache.clear()


def _status_of(host: str) -> int:
    return Client().get("/ping/", HTTP_HOST=host).status_code


def _actions(village, domain: str) -> list[str]:
    return list(
        LifecycleEvent.objects.filter(village=village, details__domain=domain)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_manager_cannot_route_a_hostname_they_do_not_own(settings, village, dns_zone):  # noqa: F811
    """The reproduction: a contract manager attaches ``kemendagri.go.id`` to a village
    of their kabupaten. It stays pending and unrouted, and the page says why and what
    to publish; only the TXT record with the token makes it verified and routed."""
    client = login(make_staff("m-own", "contract_manager", "1801"), settings)
    r = client.post(f"/daftar/desa/{village.slug}/domain/", {"domain": "Kemendagri.go.id"})
    assert r.status_code == 302
    domain = Domain.objects.get(tenant=village, domain="kemendagri.go.id")
    assert domain.status == "pending" and len(domain.token) >= 32
    assert _status_of("kemendagri.go.id") == 404

    page = client.get(r["Location"]).content.decode()
    assert "Menunggu bukti kepemilikan" in page
    assert "_balai-challenge.kemendagri.go.id" in page and domain.token in page
    assert "Belum diperiksa." in page

    # Re-check button: nothing published yet → still pending, nothing routed.
    client.post(f"/daftar/desa/{village.slug}/domain/{domain.pk}/periksa/")
    domain.refresh_from_db()
    assert (domain.status, domain.check_result) == ("pending", "missing")
    assert domain.checked_at is not None
    assert _status_of("kemendagri.go.id") == 404
    # A record with someone else's token does not prove anything.
    dns_zone.txt["_balai-challenge.kemendagri.go.id"] = ["bukan-token-ini"]
    client.post(f"/daftar/desa/{village.slug}/domain/{domain.pk}/periksa/")
    domain.refresh_from_db()
    assert (domain.status, domain.check_result) == ("pending", "mismatch")
    assert _status_of("kemendagri.go.id") == 404
    assert "_balai-challenge.kemendagri.go.id" in dns_zone.queries

    # The owner publishes the token (next to other TXT values): verified, routed at once.
    dns_zone.txt["_balai-challenge.kemendagri.go.id"] = ["v=spf1 -all", domain.token]
    client.post(f"/daftar/desa/{village.slug}/domain/{domain.pk}/periksa/")
    domain.refresh_from_db()
    assert (domain.status, domain.check_result) == ("verified", "found")
    assert _status_of("kemendagri.go.id") == 200
    page = client.get(f"/daftar/desa/{village.slug}/domain/").content.decode()
    assert "Terverifikasi" in page and "Kepemilikan terbukti" in page
    assert _actions(village, "kemendagri.go.id") == [
        "domain_added",
        "domain_checked",
        "domain_checked",
        "domain_verified",
    ]
    assert LifecycleEvent.objects.filter(action="domain_verified", actor="m-own").exists()


def test_ops_console_shows_status_and_attaches_pending(settings, village, dns_zone):  # noqa: F811
    client = login(make_staff("ops-dom", "ops"), settings)
    client.post(f"/daftar/desa/{village.slug}/domain/", {"domain": "hajimena.desa.id"})
    domain = Domain.objects.get(domain="hajimena.desa.id")
    assert domain.status == "pending" and _status_of("hajimena.desa.id") == 404
    detail = client.get(f"/ops/desa/{village.slug}/").content.decode()
    assert "hajimena.desa.id" in detail and "Menunggu bukti kepemilikan" in detail
    assert domain.token in detail
    # Remove from the same page.
    client.post(f"/daftar/desa/{village.slug}/domain/{domain.pk}/hapus/")
    assert not Domain.objects.filter(domain="hajimena.desa.id").exists()
    assert _actions(village, "hajimena.desa.id") == ["domain_added", "domain_removed"]


def test_manager_sees_and_checks_domains_only_in_own_kabupaten(settings, village_x, dns_zone):  # noqa: F811
    foreign = services.village_domain_add(village=village_x, domain="lain.desa.id", actor="ops")
    client = login(make_staff("m-dom2", "contract_manager", "1801"), settings)
    assert client.get(f"/daftar/desa/{village_x.slug}/domain/").status_code == 404
    url = f"/daftar/desa/{village_x.slug}/domain/{foreign.pk}/periksa/"
    assert client.post(url).status_code == 404
    assert client.post(f"/daftar/desa/{village_x.slug}/domain/{foreign.pk}/hapus/").status_code == (
        404
    )
    assert Domain.objects.filter(pk=foreign.pk, checked_at__isnull=True).exists()


def test_a_pending_claim_never_blocks_the_owner_and_one_village_holds_a_host(
    village,
    village_b,
    village_x,
    dns_zone,  # noqa: F811
):
    squatter = services.village_domain_add(village=village_b, domain="sukamaju.desa.id", actor="x")
    owner = services.village_domain_add(village=village, domain="sukamaju.desa.id", actor="y")
    dns_zone.txt[owner.challenge_name] = [owner.token]
    owner = services.village_domain_check(domain=owner, actor="y")
    assert owner.status == "verified"
    # The squatter's claim can no longer be added again nor proven, even with its token.
    with pytest.raises(services.LifecycleError, match="sudah terdaftar untuk desa ini"):
        services.village_domain_add(village=village_b, domain="sukamaju.desa.id.", actor="x")
    with pytest.raises(services.LifecycleError, match="sudah dipakai"):
        services.village_domain_add(village=village_x, domain="sukamaju.desa.id", actor="x")
    dns_zone.txt[owner.challenge_name] = [owner.token, squatter.token]
    squatter = services.village_domain_check(domain=squatter, actor="x")
    assert (squatter.status, squatter.check_result) == ("failed", "taken")
    routing.cache.clear()
    assert village.name in Client().get("/ping/", HTTP_HOST="sukamaju.desa.id").content.decode()


def test_dns_errors_never_change_status_and_unproven_claims_expire(settings, village, dns_zone):  # noqa: F811
    pending = services.village_domain_add(village=village, domain="lambat.desa.id", actor="ops")
    dns_zone.servfail.add(pending.challenge_name)
    later = timezone.now() + timedelta(days=settings.DOMAIN_PENDING_DAYS + 1)
    checked = services.village_domain_check(domain=pending, actor="ops", now=later)
    assert (checked.status, checked.check_result) == ("pending", "error")
    dns_zone.servfail.clear()
    checked = services.village_domain_check(domain=pending, actor="ops", now=later)
    assert (checked.status, checked.check_result) == ("failed", "expired")
    # The owner may still prove it later (failed domains are checked on request).
    dns_zone.txt[pending.challenge_name] = [pending.token]
    assert services.village_domain_check(domain=pending, actor="ops").status == "verified"
    # A verified domain whose record disappears stays routed; the page shows the result.
    dns_zone.txt.clear()
    checked = services.village_domain_check(domain=pending, actor="ops")
    assert (checked.status, checked.check_result) == ("verified", "missing")
    assert _status_of("lambat.desa.id") == 200


def test_the_worker_rechecks_pending_domains_by_itself(village, dns_zone):  # noqa: F811
    from tenants.selectors import domains_due_for_check
    from tenants.tasks import village_domain_check_task, village_domains_check_schedule

    pending = services.village_domain_add(village=village, domain="otomatis.desa.id", actor="ops")
    failed = services.village_domain_add(village=village, domain="gagal.desa.id", actor="ops")
    Domain.objects.filter(pk=failed.pk).update(status="failed")
    fresh = Domain.objects.create(
        domain="baru.desa.id", tenant=village, status="verified", checked_at=timezone.now()
    )
    stale = Domain.objects.create(domain="lama.desa.id", tenant=village, status="verified")
    due = set(domains_due_for_check().values_list("pk", flat=True))
    assert {pending.pk, stale.pk} <= due and not {failed.pk, fresh.pk} & due

    assert village_domains_check_schedule(timestamp=0) >= 2
    with connection.cursor() as cur:
        cur.execute(
            "SELECT (args->>'domain_id')::bigint FROM procrastinate_jobs "
            "WHERE task_name = %s AND status = 'todo'",
            ["tenants.tasks.village_domain_check_task"],
        )
        queued = {row[0] for row in cur.fetchall()}
    assert {pending.pk, stale.pk} <= queued and not {failed.pk, fresh.pk} & queued

    dns_zone.txt[pending.challenge_name] = [pending.token]
    assert village_domain_check_task(domain_id=pending.pk) == "verified"
    assert _status_of("otomatis.desa.id") == 200
    # The scheduler's checks are audited when they change something only.
    assert _actions(village, "otomatis.desa.id") == ["domain_added", "domain_verified"]


def test_domains_attached_before_the_check_existed_are_kept_verified(village):
    """The data migration: rows from before (trusted flows, live sites) stay routed and
    get a token, so the daily re-check can show which ones lack a record."""
    migration = importlib.import_module("tenants.migrations.0003_domain_ownership")
    old = Domain.objects.create(domain="lama-sekali.desa.id", tenant=village, token="")
    assert old.status == "pending"
    migration.existing_domains_verified(apps, None)
    old.refresh_from_db()
    assert old.status == "verified" and old.token and old.verified_at == old.created_at
    assert _status_of("lama-sekali.desa.id") == 200

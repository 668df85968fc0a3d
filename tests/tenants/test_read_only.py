"""A suspended village renders read-only with a notice; unsafe methods get 403."""

import pytest

from tenants import routing, services
from tenants.choices import SuspensionReason


@pytest.fixture
def suspended(village):
    services.village_suspend(
        village=village, reason=SuspensionReason.OPERATIONS, actor="ops", note="uji"
    )
    routing.cache.clear()
    village.refresh_from_db()
    return village


def test_suspended_village_get_shows_notice(client, suspended):
    response = client.get("/", HTTP_HOST=suspended.host)
    assert response.status_code == 200
    assert "sedang ditangguhkan" in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_suspended_village_refuses_writes(client, suspended, method):
    response = getattr(client, method)("/", HTTP_HOST=suspended.host)
    assert response.status_code == 403
    assert "hanya dapat dibaca" in response.content.decode()


def test_write_refused_even_when_routing_cache_is_stale(client, village):
    client.get("/", HTTP_HOST=village.host)  # cache holds the active village
    services.village_suspend(village=village, reason=SuspensionReason.BILLING, actor="billing")
    # Put the stale (active) object back into the cache, as another process would still have it.
    village.status = "active"
    import time

    routing.cache.put(village.host, village, now=time.monotonic())
    response = client.post("/", HTTP_HOST=village.host)
    assert response.status_code == 403


def test_lifting_one_reason_keeps_the_other(village):
    services.village_suspend(village=village, reason=SuspensionReason.BILLING, actor="billing")
    services.village_suspend(village=village, reason=SuspensionReason.OPERATIONS, actor="ops")
    assert (
        services.village_resume(village=village, reason=SuspensionReason.BILLING, actor="billing")
        is False
    )
    village.refresh_from_db()
    assert village.status == "suspended"
    assert (
        services.village_resume(village=village, reason=SuspensionReason.OPERATIONS, actor="ops")
        is True
    )
    village.refresh_from_db()
    assert village.status == "active"
    actions = list(village.events.values_list("action", flat=True))
    assert actions.count("suspended") == 2 and actions.count("resumed") == 2

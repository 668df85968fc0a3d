"""A contract's subscription ends with the contract: ``cancel_at`` at 23:59:59 WIB of
``ends_on``, moved when the contract is amended, repaired by reconciliation, and its
end reaches Balai as one ``customer.subscription.deleted`` that suspends nobody.
Real HTTP to the local Stripe-compatible server through the official library."""

import datetime as dt
import re
import time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from balai_kernel.actor import Actor
from control_plane.billing import services
from control_plane.billing.forms_contracts import FIELDS
from control_plane.billing.gateway import gateway_get
from control_plane.billing.models import BillingEvent, Invoice, WebhookEvent, WebhookFailure
from control_plane.contracts.models import Contract
from tenants.choices import VillageStatus

pytestmark = [pytest.mark.billing, pytest.mark.django_db]

OPS = Actor.named("ops")


def _last_second(day: dt.date) -> int:
    """23:59:59 in Jakarta on ``day``, computed here independently of Balai's code."""
    jakarta = dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=ZoneInfo("Asia/Jakarta"))
    return int(jakarta.timestamp())


def _remote(contract):
    """The subscription as the provider answers it over HTTP."""
    return gateway_get().client.v1.subscriptions.retrieve(contract.stripe_subscription_id)


@pytest.fixture
def billed(contract, village, stripe_settings):
    services.contract_sync_quantity(village=village, actor=OPS, contract=contract)
    contract = services.contract_billing_start(contract=contract, actor=OPS)
    stripe_settings.pending_events()
    return contract


def test_subscription_is_created_to_cancel_at_the_end_of_the_contracts_last_day(billed):
    remote = _remote(billed)
    assert remote.cancel_at == _last_second(billed.ends_on)
    assert dt.datetime.fromtimestamp(remote.cancel_at, tz=dt.UTC).time() == dt.time(16, 59, 59)
    assert remote.status == "active"
    # The contract ends a day before the provider's yearly period would: the first
    # invoice still bills the agreed price of a whole period, not a prorated share.
    assert remote["items"].data[0].current_period_end > remote.cancel_at
    first = Invoice.objects.get(contract=billed)
    assert first.total == 150_000_000
    started = BillingEvent.objects.get(contract=billed, action="billing_started")
    assert started.details["cancel_at"] == remote.cancel_at


def test_billing_does_not_start_on_an_ended_contract(contract, village, stripe_settings):
    today = timezone.localdate()
    contract = services.contract_amend(
        contract=contract,
        actor=OPS,
        starts_on=today - dt.timedelta(days=365),
        ends_on=today - dt.timedelta(days=1),
    )
    services.contract_sync_quantity(village=village, actor=OPS, contract=contract)
    with pytest.raises(services.BillingError, match="sudah berakhir"):
        services.contract_billing_start(contract=contract, actor=OPS)
    contract.refresh_from_db()
    assert contract.stripe_subscription_id == ""


def test_amending_ends_on_moves_cancel_at_at_the_provider(billed, stripe_settings, deliver):
    new_end = billed.ends_on + dt.timedelta(days=90)
    contract = services.contract_amend(contract=billed, actor=OPS, ends_on=new_end)

    remote = _remote(contract)
    assert remote.cancel_at == _last_second(new_end)
    moved = BillingEvent.objects.get(contract=contract, action="billing_end_changed")
    assert moved.details == {
        "from": _last_second(billed.ends_on),
        "to": _last_second(new_end),
        "ends_on": new_end.isoformat(),
        "amendment": 1,
    }
    assert contract.amendment == 1
    # Not prorated: nothing waits for the next invoice.
    pending = gateway_get().client.v1.invoice_items.list(
        params={"customer": contract.stripe_customer_id, "pending": True}
    )
    assert pending.data == []
    # The provider's announcement of the change is taken quietly.
    events = stripe_settings.pending_events()
    assert [e["type"] for e in events] == ["customer.subscription.updated"]
    assert events[0]["data"]["previous_attributes"] == {"cancel_at": _last_second(billed.ends_on)}
    assert [r.content for r in deliver(events)] == [b"processed"]
    # Nothing left to move: no second provider call, no second event.
    assert services.contract_billing_end_sync(contract=contract, actor=OPS) is None
    assert BillingEvent.objects.filter(action="billing_end_changed").count() == 1

    # Once billing runs, the end cannot move into the past.
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.contract_amend(contract=contract, actor=OPS, ends_on=yesterday)
    assert "ends_on" in refused.value.message_dict
    contract.refresh_from_db()
    assert contract.ends_on == new_end
    assert _remote(contract).cancel_at == _last_second(new_end)


def test_reconcile_detects_and_fixes_a_drifted_end(billed, stripe_settings):
    expected = _last_second(billed.ends_on)
    client = gateway_get().client
    sid = billed.stripe_subscription_id
    # Someone moves the end in Stripe's dashboard; a subscription made before Balai
    # set cancel_at has none at all.
    for drifted in (expected + 7 * 86400, ""):
        client.v1.subscriptions.update(sid, params={"cancel_at": drifted})
        repairs = [r for r in services.billing_reconcile() if "cancel_at" in r]
        assert repairs == [f"{billed.number}: cancel_at {drifted or None} → {expected}"]
        assert _remote(billed).cancel_at == expected
        repaired = BillingEvent.objects.filter(
            contract=billed, action="drift_repaired", details__kind="cancel_at"
        ).latest("pk")
        assert repaired.details["provider"] == (drifted or None)
        assert repaired.details["expected"] == expected
    assert not [r for r in services.billing_reconcile() if "cancel_at" in r]
    assert BillingEvent.objects.filter(action="billing_end_changed").count() == 2


def test_reconcile_reports_an_ended_contract_whose_subscription_runs_on(billed):
    # A contract that ended before Balai bounded subscriptions (written directly, as
    # an old row would be): the provider takes no end in the past, and cancelling
    # is for operations to decide, so reconciliation reports it and changes nothing.
    today = timezone.localdate()
    Contract.objects.filter(pk=billed.pk).update(
        starts_on=today - dt.timedelta(days=400), ends_on=today - dt.timedelta(days=2)
    )
    gateway_get().client.v1.subscriptions.update(
        billed.stripe_subscription_id, params={"cancel_at": ""}
    )
    assert not [r for r in services.billing_reconcile() if "cancel_at" in r]
    failure = WebhookFailure.objects.get(type="reconcile")
    assert billed.number in failure.error and "sudah berakhir" in failure.error
    remote = _remote(billed)
    assert remote.status == "active" and remote.cancel_at is None


def test_the_contracts_natural_end_arrives_once_and_suspends_nobody(
    billed, village, stripe_settings, stripe_clock, deliver
):
    end = _last_second(billed.ends_on)
    stripe_clock.offset = end - time.time() + 60
    # The provider's time passes; any request lets it see so.
    sub = gateway_get().subscription_retrieve(subscription_id=billed.stripe_subscription_id)
    assert (sub.status, sub.ended_at) == ("canceled", end)
    mine = [
        e
        for e in stripe_settings.pending_events()
        if e["data"]["object"]["id"] == billed.stripe_subscription_id
    ]
    assert [e["type"] for e in mine] == ["customer.subscription.deleted"]

    assert [r.content for r in deliver(mine)] == [b"processed"]
    assert [r.content for r in deliver(mine)] == [b"duplicate"]  # a replay is a no-op
    assert WebhookEvent.objects.filter(type="customer.subscription.deleted").count() == 1
    ended = BillingEvent.objects.get(contract=billed, action="subscription_ended")
    assert ended.details == {"cancel_at": end, "ended_at": end}
    assert not BillingEvent.objects.filter(action="subscription_canceled").exists()
    village.refresh_from_db()
    assert village.status == VillageStatus.ACTIVE
    assert not village.suspensions.filter(lifted_at__isnull=True).exists()
    # Read again: no second event; reconciliation leaves an ended subscription alone.
    gateway_get().subscription_retrieve(subscription_id=billed.stripe_subscription_id)
    assert not [
        e
        for e in stripe_settings.pending_events()
        if e["data"]["object"]["id"] == billed.stripe_subscription_id
    ]
    assert not [r for r in services.billing_reconcile() if "cancel_at" in r]


def _form_data(contract, **changes) -> dict[str, str]:
    """The amend form as operations submit it, with ``changes``."""
    data: dict[str, str] = {"price_rupiah": str(contract.price_per_village // 100)}
    for name in FIELDS:
        value = getattr(contract, "plan_id" if name == "plan" else name)
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    data.update({k: str(v) for k, v in changes.items()})
    return data


def test_contract_page_names_the_end_and_the_form_refuses_a_past_end(
    billed, ops_client, manager_client
):
    page = manager_client.get(f"/kabupaten/{billed.pk}/").content.decode()
    (shown,) = re.findall(r'<p id="billing-ends">(.*?)</p>', page)
    assert shown.startswith("Tagihan berhenti otomatis pada")
    assert f"{billed.ends_on.day} " in shown and str(billed.ends_on.year) in shown

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = ops_client.post(
        f"/kabupaten/{billed.pk}/ubah/", _form_data(billed, ends_on=yesterday)
    )
    assert response.status_code == 200
    assert "tanggal berakhir tidak boleh sebelum hari ini" in response.content.decode()
    billed.refresh_from_db()
    assert billed.ends_on != yesterday

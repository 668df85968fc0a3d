"""The local Stripe-compatible server, driven through the official stripe library
over real HTTP: shapes, transitions, errors, idempotency, signed webhook delivery."""

import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import stripe

from devtools.stripe_server import StripeServer
from devtools.stripe_server.server import parse_form

pytestmark = pytest.mark.billing


@pytest.fixture(scope="module")
def server():
    srv = StripeServer(webhook_secret="whsec_dev").start()
    yield srv
    srv.stop()


@pytest.fixture
def client(server):
    return stripe.StripeClient(
        "sk_test_dev",
        base_addresses={"api": server.url},
        max_network_retries=0,
        stripe_version="2026-10-28.endive",
    )


def _subscription(client, quantity=3):
    customer = client.v1.customers.create(
        params={
            "name": "Pemkab",
            "invoice_settings": {"custom_fields": [{"name": "No. Kontrak", "value": "SPK-1"}]},
        }
    )
    product = client.v1.products.create(params={"name": "Balai"})
    price = client.v1.prices.create(
        params={
            "product": product.id,
            "unit_amount": 150_000_000,
            "currency": "idr",
            "recurring": {"interval": "month"},
        }
    )
    sub = client.v1.subscriptions.create(
        params={
            "customer": customer.id,
            "items": [{"price": price.id, "quantity": quantity}],
            "collection_method": "send_invoice",
            "days_until_due": 14,
        }
    )
    return customer, sub


def test_nested_form_parameters_parse_like_stripe():
    pairs = [
        ("items[0][price]", "p"),
        ("items[0][quantity]", "2"),
        ("metadata[a]", "b"),
        ("expand[0]", "x"),
    ]
    assert parse_form(pairs) == {
        "items": [{"price": "p", "quantity": "2"}],
        "metadata": {"a": "b"},
        "expand": ["x"],
    }


def test_binds_loopback_only(server):
    assert server.url.startswith("http://127.0.0.1:")


def test_invoice_transitions_and_errors(client, server):
    customer, sub = _subscription(client)
    invoice = client.v1.invoices.retrieve(sub.latest_invoice)
    assert invoice.status == "draft" and invoice.total == 450_000_000 and invoice.number is None
    assert invoice.parent.subscription_details.subscription == sub.id
    assert invoice.custom_fields[0].value == "SPK-1"  # from the customer's invoice settings
    with pytest.raises(stripe.InvalidRequestError) as exc:
        client.v1.invoices.pay(invoice.id, params={"paid_out_of_band": True})
    assert exc.value.code == "invoice_not_open"
    invoice = client.v1.invoices.finalize_invoice(invoice.id)
    assert invoice.status == "open" and invoice.number.endswith("-0001")
    assert invoice.due_date == invoice.status_transitions.finalized_at + 14 * 86400
    invoice = client.v1.invoices.mark_uncollectible(invoice.id)
    assert invoice.status == "uncollectible"
    invoice = client.v1.invoices.pay(invoice.id, params={"paid_out_of_band": True})
    assert invoice.status == "paid" and invoice.paid_out_of_band and invoice.amount_remaining == 0
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.invoices.void_invoice(invoice.id)
    with pytest.raises(stripe.InvalidRequestError) as missing:
        client.v1.invoices.retrieve("in_missing")
    assert missing.value.http_status == 404 and missing.value.code == "resource_missing"
    with urllib.request.urlopen(invoice.invoice_pdf) as response:  # noqa: S310
        assert response.read().startswith(b"%PDF")  # the hosted PDF is a real PDF


def test_idempotency_replays_and_rejects_changed_parameters(client):
    one = client.v1.customers.create(params={"name": "A"}, options={"idempotency_key": "k-1"})
    again = client.v1.customers.create(params={"name": "A"}, options={"idempotency_key": "k-1"})
    assert one.id == again.id
    with pytest.raises(stripe.IdempotencyError):
        client.v1.customers.create(params={"name": "B"}, options={"idempotency_key": "k-1"})


def test_rejects_bad_api_key(server):
    bad = stripe.StripeClient(
        "rk_live_x", base_addresses={"api": server.url}, max_network_retries=0
    )
    with pytest.raises(stripe.AuthenticationError):
        bad.v1.customers.create(params={"name": "A"})


def test_proration_items_and_preview(client, server):
    customer, sub = _subscription(client, quantity=2)
    start = sub["items"].data[0].current_period_start
    end = sub["items"].data[0].current_period_end
    half = start + (end - start) // 2
    client.v1.subscriptions.update(
        sub.id,
        params={
            "items": [{"id": sub["items"].data[0].id, "quantity": 3}],
            "proration_behavior": "create_prorations",
            "proration_date": half,
        },
    )
    pending = client.v1.invoice_items.list(params={"customer": customer.id, "pending": True})
    amounts = sorted(item.amount for item in pending.data)
    assert amounts == [-150_000_000, 225_000_000]  # −½ × 2, +½ × 3
    preview = client.v1.invoices.create_preview(
        params={"customer": customer.id, "subscription": sub.id}
    )
    assert preview.total == 75_000_000 + 3 * 150_000_000
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.subscriptions.update(sub.id, params={"proration_behavior": "always_invoice"})


def test_signed_webhooks_are_delivered_over_http():
    received: list[tuple[bytes, str]] = []
    done = threading.Event()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((body, self.headers["Stripe-Signature"]))
            self.send_response(200)
            self.end_headers()
            done.set()

        def log_message(self, *args):
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    srv = StripeServer(
        webhook_url=f"http://127.0.0.1:{receiver.server_address[1]}/hook", webhook_secret="whsec_h"
    ).start()
    try:
        client = stripe.StripeClient("sk_test_h", base_addresses={"api": srv.url})
        client.v1.customers.create(params={"name": "A"})
        assert done.wait(5)
        body, header = received[0]
        event = stripe.Webhook.construct_event(body.decode(), header, "whsec_h")
        assert event.type == "customer.created"
        with pytest.raises(stripe.SignatureVerificationError):
            stripe.Webhook.construct_event(body.decode(), header, "whsec_other")
        assert json.loads(body)["data"]["object"]["name"] == "A"
    finally:
        srv.stop()
        receiver.shutdown()


def test_state_survives_restart(tmp_path):
    path = tmp_path / "stripe.json"
    first = StripeServer(state_path=path).start()
    client = stripe.StripeClient("sk_test_s", base_addresses={"api": first.url})
    customer = client.v1.customers.create(params={"name": "A"})
    first.stop()
    second = StripeServer(state_path=path).start()
    try:
        client = stripe.StripeClient("sk_test_s", base_addresses={"api": second.url})
        assert client.v1.customers.retrieve(customer.id).name == "A"
    finally:
        second.stop()


# --- scheduled cancellation (cancel_at) and the server's clock -------------------------------


class _Clock:
    """A clock the test moves; the server reads it for ``now``."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clocked():
    """A server of its own, on a clock the test moves, with its client."""
    clock = _Clock()
    srv = StripeServer(webhook_secret="whsec_clock", clock=clock).start()
    client = stripe.StripeClient(
        "sk_test_clock",
        base_addresses={"api": srv.url},
        max_network_retries=0,
        stripe_version="2026-10-28.endive",
    )
    yield srv, client, clock
    srv.stop()


def _price(client, interval="year"):
    product = client.v1.products.create(params={"name": "Balai"})
    return client.v1.prices.create(
        params={
            "product": product.id,
            "unit_amount": 150_000_000,
            "currency": "idr",
            "recurring": {"interval": interval},
        }
    )


def _scheduled(client, price, **params):
    customer = client.v1.customers.create(params={"name": "Pemkab"})
    return client.v1.subscriptions.create(
        params={
            "customer": customer.id,
            "items": [{"price": price.id, "quantity": 2}],
            "collection_method": "send_invoice",
            "days_until_due": 30,
            **params,
        }
    )


def test_cancel_at_is_kept_and_prorates_a_shortened_first_period_unless_told_not_to(clocked):
    server, client, clock = clocked
    price = _price(client)
    half_year = int(clock.now) + 365 * 86400 // 2
    whole = _scheduled(client, price, cancel_at=half_year, proration_behavior="none")
    assert client.v1.subscriptions.retrieve(whole.id).cancel_at == half_year
    assert client.v1.invoices.retrieve(whole.latest_invoice).total == 2 * 150_000_000
    prorated = _scheduled(client, price, cancel_at=half_year)  # Stripe's default prorates
    line = client.v1.invoices.retrieve(prorated.latest_invoice).lines.data[0]
    assert line.amount == 150_000_000  # two villages for half a year
    assert line.period.end == half_year
    assert _scheduled(client, price).cancel_at is None


@pytest.mark.parametrize("value", ["besok", "1.5", "", "past"])
def test_cancel_at_must_be_an_integer_in_the_future(clocked, value):
    server, client, clock = clocked
    price = _price(client)
    value = str(int(clock.now) - 1) if value == "past" else value
    with pytest.raises(stripe.InvalidRequestError) as create:
        _scheduled(client, price, cancel_at=value)
    assert create.value.http_status == 400 and create.value.param == "cancel_at"
    assert create.value.error.type == "invalid_request_error"
    assert not client.v1.subscriptions.list().data  # a refused request creates nothing
    sub = _scheduled(client, price, cancel_at=int(clock.now) + 86400)
    with pytest.raises(stripe.InvalidRequestError) as update:
        client.v1.subscriptions.update(sub.id, params={"cancel_at": value or "x"})
    assert update.value.http_status == 400 and update.value.param == "cancel_at"
    assert client.v1.subscriptions.retrieve(sub.id).cancel_at == int(clock.now) + 86400


def test_cancel_at_is_moved_and_cleared_by_update(clocked):
    server, client, clock = clocked
    sub = _scheduled(client, _price(client), cancel_at=int(clock.now) + 86400)
    server.pending_events()
    later = int(clock.now) + 30 * 86400
    moved = client.v1.subscriptions.update(
        sub.id, params={"cancel_at": later, "proration_behavior": "none"}
    )
    assert moved.cancel_at == later
    (event,) = server.pending_events()
    assert event["type"] == "customer.subscription.updated"
    assert event["data"]["previous_attributes"] == {"cancel_at": int(clock.now) + 86400}
    assert client.v1.subscriptions.update(sub.id, params={"cancel_at": ""}).cancel_at is None


def test_passing_cancel_at_ends_the_subscription_once(clocked):
    server, client, clock = clocked
    price = _price(client, interval="month")
    end = int(clock.now) + 10 * 86400
    sub = _scheduled(client, price, cancel_at=end, proration_behavior="none")
    other = _scheduled(client, price)
    server.pending_events()
    clock.now = end - 1
    assert client.v1.subscriptions.retrieve(sub.id).status == "active"
    assert server.pending_events() == []
    clock.now = end + 3600
    ended = client.v1.subscriptions.retrieve(sub.id)
    assert (ended.status, ended.canceled_at, ended.ended_at) == ("canceled", end, end)
    assert client.v1.subscriptions.retrieve(other.id).status == "active"
    listed = {s.id: s.status for s in client.v1.subscriptions.list().data}
    assert listed == {sub.id: "canceled", other.id: "active"}
    (event,) = server.pending_events()  # one event, however often it is read
    assert event["type"] == "customer.subscription.deleted"
    assert event["data"]["object"]["id"] == sub.id
    assert event["data"]["object"]["ended_at"] == end
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.subscriptions.update(sub.id, params={"cancel_at": end + 86400})

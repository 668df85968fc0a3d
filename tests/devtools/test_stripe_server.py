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

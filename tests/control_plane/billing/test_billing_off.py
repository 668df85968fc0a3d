"""With billing off (no provider configured) billing endpoints answer clearly, never with
a traceback (issue 16, finding 14: ``/billing/stripe/webhook`` answered 500)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.control_plane.console.test_villages import login
from tests.control_plane.onboarding.helpers import make_contract, make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.billing]
EVENT = json.dumps({"id": "evt_1", "type": "invoice.paid", "data": {"object": {"id": "in_1"}}})


@pytest.mark.parametrize(("key", "webhook_secret"), [("", ""), ("", "whsec_x"), ("sk_test_x", "")])
def test_webhook_without_a_configured_provider_is_503(settings, key, webhook_secret):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = key, webhook_secret
    response = Client(HTTP_HOST=settings.BALAI_DOMAIN).post(
        "/billing/stripe/webhook",
        EVENT,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE="t=1,v1=abc",
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "3600"
    assert response.content == b"billing is not configured"


def test_invoice_actions_with_billing_off_say_so(settings):
    from control_plane.billing.models import Invoice

    settings.STRIPE_SECRET_KEY = ""
    contract = make_contract("1801")
    invoice = Invoice.objects.create(contract=contract, stripe_invoice_id="in_off", status="draft")
    client = login(make_staff("ops-off", "ops"), settings)
    response = client.post(f"/billing/faktur/{invoice.pk}/terbitkan/", follow=True)
    assert response.status_code == 200
    assert "Penagihan belum diaktifkan" in response.content.decode()

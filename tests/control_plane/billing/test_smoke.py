"""Acceptance 5: ``manage.py billing smoke`` passes against the local server."""

import io
import json

import pytest
from django.core.management import call_command

from control_plane.contracts.models import Contract
from tenants.models import Village

pytestmark = [pytest.mark.billing, pytest.mark.django_db]


def test_billing_smoke_against_local_server():
    out = io.StringIO()
    villages = Village.objects.count()
    call_command("billing", "smoke", "--local", "--json", stdout=out)
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert result["ok"] is True and result["provider"] == "local"
    assert "webhook invoice.paid bertanda tangan, sekali saja" in result["steps"]
    assert len(result["steps"]) == 8
    # Local changes are rolled back.
    assert not Contract.objects.exists() and Village.objects.count() == villages


def test_billing_smoke_without_key_explains(settings):
    from django.core.management.base import CommandError

    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(CommandError, match="STRIPE_SECRET_KEY"):
        call_command("billing", "smoke")

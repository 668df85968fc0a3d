"""Every ``villages`` and ``fleet`` sub-command's ``--json`` path prints one JSON object
and exits 0 on success with the optional subsystems off (no ``STRIPE_SECRET_KEY``, no
Sentry, no S3) — issue 18, finding 9: ``villages provision --json`` with billing off
provisioned the village, then failed on the provider and never counted the seat."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from control_plane.contracts.models import Contract, ContractSeat
from tenants import schema
from tenants.models import Village

SLUG = "tanpa-tagih"


def _json(capsys, command: str, *args: str) -> dict:
    try:
        call_command(command, *args, "--json")
    except SystemExit as exc:  # pragma: no cover - reported below
        pytest.fail(f"{command} {' '.join(args)} exited {exc.code}: {capsys.readouterr()}")
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines, f"{command} {args}: no JSON printed"
    return json.loads(lines[-1])


@pytest.fixture
def billing_off(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.SENTRY_DSN = ""
    return settings


@pytest.mark.django_db(transaction=True)
def test_every_json_command_succeeds_with_billing_off(
    wilayah, contract, billing_off, capsys, tmp_path
):
    # A contract signed while billing was on: it has a provider subscription.
    Contract.objects.filter(pk=contract.pk).update(
        stripe_subscription_id="sub_uji", stripe_subscription_item_id="si_uji"
    )
    schema.schema_drop(f"v_{SLUG.replace('-', '_')}")
    try:
        out = _json(capsys, "villages", "provision", "--code", "18.01.04.2006", "--slug", SLUG)
        assert out["ok"] and out["village"]["status"] == "active"
        village = Village.objects.get(slug=SLUG)
        assert ContractSeat.objects.filter(contract=contract, village=village).exists()

        assert SLUG in [v["slug"] for v in _json(capsys, "villages", "list")["villages"]]
        for action in ("suspend", "resume"):
            assert _json(capsys, "villages", action, SLUG, "--reason", "operations")["ok"]
        assert _json(capsys, "villages", "domains")["ok"]
        assert _json(capsys, "villages", "pool-fill", "--size", "0")["ok"]
        archive = tmp_path / "desa.tar.gz"
        assert _json(capsys, "villages", "export", SLUG, "--out", str(archive))["ok"]
        assert _json(capsys, "fleet", "status") is not None
        assert _json(capsys, "fleet", "plan") is not None
        assert _json(capsys, "fleet", "check-migrations") is not None
        assert _json(capsys, "fleet", "upgrade", "--ring", "all") is not None
        assert _json(capsys, "villages", "archive", SLUG)["village"]["status"] == "archived"
        assert _json(capsys, "villages", "delete", SLUG, "--confirm")["ok"]
    finally:
        Village.objects.filter(slug=SLUG).delete()
        schema.schema_drop(f"v_{SLUG.replace('-', '_')}")

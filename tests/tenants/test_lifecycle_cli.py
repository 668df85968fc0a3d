"""``manage.py villages``: JSON output, non-zero exit on failure, domains for Helm."""

import json

import pytest
from django.core.management import call_command
from django.test import Client

from tenants import routing, schema
from tenants.models import Village
from tests.dns_server import dns_zone  # noqa: F401


def run(capsys, *args):
    call_command("villages", *args, "--json")
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_cli_provision_list_suspend_domain(wilayah, capsys, dns_zone):  # noqa: F811 - fixtures
    schema.schema_drop("v_cli_uji")
    try:
        out = run(capsys, "provision", "--code", "18.01.04.2012", "--slug", "cli-uji")
        assert out["ok"] and out["village"]["status"] == "active"
        assert out["village"]["code"] == "18.01.04.2012" and out["seconds"] < 5
        assert "cli-uji" in [v["slug"] for v in run(capsys, "list")["villages"]]
        out = run(capsys, "suspend", "cli-uji", "--reason", "operations")
        assert out["village"]["status"] == "suspended"
        out = run(capsys, "resume", "cli-uji", "--reason", "operations")
        assert out["village"]["status"] == "active"
        out = run(capsys, "add-domain", "cli-uji", "Cli-Uji.desa.id")
        assert out["verification"] == "pending"
        assert out["challenge"]["name"] == "_balai-challenge.cli-uji.desa.id"
        # Not routed, and no certificate asked for, until its owner proves it in DNS.
        assert Client().get("/ping/", HTTP_HOST="cli-uji.desa.id").status_code == 404
        call_command("villages", "domains", "--helm-values")
        assert capsys.readouterr().out.strip() == "ingress:\n  extraHosts: []"
        dns_zone.txt[out["challenge"]["name"]] = [out["challenge"]["value"]]
        assert run(capsys, "check-domain", "cli-uji", "cli-uji.desa.id")["verification"] == (
            "verified"
        )
        assert Client().get("/ping/", HTTP_HOST="cli-uji.desa.id").status_code == 200
        assert run(capsys, "domains")["domains"] == [
            {
                "domain": "cli-uji.desa.id",
                "slug": "cli-uji",
                "status": "active",
                "verification": "verified",
            }
        ]
        call_command("villages", "domains", "--helm-values")
        assert capsys.readouterr().out.strip() == 'ingress:\n  extraHosts:\n    - "cli-uji.desa.id"'
        with pytest.raises(SystemExit) as exc:
            call_command("villages", "delete", "cli-uji", "--json")
        assert exc.value.code == 1
        assert json.loads(capsys.readouterr().out)["ok"] is False
        with pytest.raises(SystemExit):
            call_command("villages", "provision", "--code", "18.01.04.2012", "--json")
        assert "sudah terdaftar" in json.loads(capsys.readouterr().out)["error"]
        out = run(capsys, "archive", "cli-uji")
        assert out["village"]["status"] == "archived"
        routing.cache.clear()
        assert Client().get("/", HTTP_HOST="cli-uji.desa.id").status_code == 410
    finally:
        Village.objects.filter(slug="cli-uji").delete()
        schema.schema_drop("v_cli_uji")

"""``manage.py villages users SLUG list|add|role|disable|enable``: a village's staff for
operations, JSON out, audited in the village as the CLI's, the last-admin guard kept."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tenants.context import village_context
from village_apps.akun.models import Membership
from village_apps.audit.models import AccessAudit


def run(capsys, *args):
    call_command("villages", "users", *args, "--json")
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_list_add_role_disable_enable(village, capsys, django_capture_on_commit_callbacks):
    out = run(
        capsys, village.slug, "add", "kades-cli", "--role", "kades", "--password", "Sandi-awal-123"
    )
    assert out == {
        "ok": True,
        "user": {
            "username": "kades-cli",
            "role": "kades",
            "jabatan": "",
            "active": True,
            "second_factor": False,
        },
        "seconds": out["seconds"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        run(capsys, village.slug, "add", "sekdes-cli", "--role", "sekdes", "--email", "s@contoh.id")
    listed = run(capsys, village.slug, "list")
    assert isinstance(listed, list)
    assert {"username", "role", "jabatan", "active", "second_factor"} == set(listed[0])
    by_name = {u["username"]: u for u in listed}
    assert by_name["kades-cli"]["role"] == "kades" and by_name["admin"]["role"] == "admin"
    assert run(capsys, village.slug, "role", "kades-cli", "peninjau")["user"]["role"] == "peninjau"
    assert run(capsys, village.slug, "disable", "kades-cli")["user"]["active"] is False
    assert run(capsys, village.slug, "enable", "kades-cli")["user"]["active"] is True
    with village_context(village):
        account = get_user_model().objects.get(username="kades-cli")
        assert account.check_password("Sandi-awal-123") and account.membership.ganti_sandi
        rows = AccessAudit.objects.filter(object_type="akun", object_id=str(account.pk))
        labels = {r.username or r.summary for r in rows}
        assert all(r.user_id is None for r in rows)  # operations, not a village account
        assert "peran kades → peninjau" in labels


def test_the_cli_keeps_the_last_admin(village, capsys):
    with village_context(village):
        admins = Membership.objects.filter(role_id="admin", user__is_active=True)
        assert list(admins.values_list("user__username", flat=True)) == ["admin"]
    with pytest.raises(SystemExit) as exc:
        call_command("villages", "users", village.slug, "disable", "admin", "--json")
    assert exc.value.code == 1
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and "admin aktif terakhir" in out["error"]
    with pytest.raises(SystemExit):
        call_command("villages", "users", village.slug, "role", "admin", "operator", "--json")
    assert "admin aktif terakhir" in json.loads(capsys.readouterr().out)["error"]
    with pytest.raises(SystemExit):
        call_command("villages", "users", village.slug, "role", "tidak-ada", "operator", "--json")
    assert "tidak ditemukan" in json.loads(capsys.readouterr().out)["error"]

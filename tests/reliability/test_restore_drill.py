"""The restore drill reports 100 % identical on the session villages and finds tampering."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from tenants import archive

pytestmark = pytest.mark.django_db(transaction=True)


def test_drill_is_identical_for_every_village(capsys):
    call_command("restore_drill", "--village", "hajimena", "--village", "sidosari", "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["identical_percent"] == 100.0 and report["villages"] == 2
    assert all(r["tables"] > 20 for r in report["results"])
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'drill_%%'")
        assert cur.fetchone()[0] == 0  # scratch schemas dropped


def test_drill_reports_a_difference(monkeypatch, village):
    from tenants import drill

    real = archive.schema_stats

    def tampered(name):
        stats = real(name)
        if name.startswith("drill_"):
            stats["profil_profildesa"] = {"rows": 0, "checksum": ""}
        return stats

    monkeypatch.setattr(drill.archive, "schema_stats", tampered)
    report = drill.restore_drill(slugs=["hajimena"])
    assert report["ok"] is False and report["results"][0]["differing"] == ["profil_profildesa"]

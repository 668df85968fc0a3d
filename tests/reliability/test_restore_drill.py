"""The restore drill reports 100 % identical on the session villages and finds tampering."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
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


def _drop_one_row(path, out):
    """Rewrite a village archive as a silently lossy backup would be: one data row of the
    first non-empty table gone from its COPY file, the checksums recomputed to match."""
    from tenants.logical import files_digest

    with tarfile.open(path, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    table = None
    for name in sorted(members):
        if name.startswith("data/") and members[name]:
            rows = members[name].split(b"\n")
            members[name] = b"\n".join(rows[1:])
            table = name.removeprefix("data/").removesuffix(".copy")
            break
    assert table, "the village has data to lose"
    manifest = json.loads(members["manifest.json"])
    manifest["files"][f"data/{table}.copy"] = archive.sha256(members[f"data/{table}.copy"])
    manifest["dump_sha256"] = files_digest(manifest["files"])
    members["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(out, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return table


def test_drill_of_a_stored_backup_finds_a_lost_row(village, tmp_path, capsys):
    from tenants.services import village_export

    good = village_export(village=village, out=tmp_path / "good.tar.gz", actor="test")
    call_command("restore_drill", "--village", village.slug, "--archive", str(good), "--json")
    assert json.loads(capsys.readouterr().out)["identical_percent"] == 100.0

    lossy = tmp_path / "lossy.tar.gz"
    table = _drop_one_row(good, lossy)
    with pytest.raises(CommandError):
        call_command("restore_drill", "--village", village.slug, "--archive", str(lossy), "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["results"][0]["differing"] == [table]
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'drill_%%'")
        assert cur.fetchone()[0] == 0


def test_drill_refuses_another_villages_archive(village, village_b, tmp_path):
    from tenants import drill
    from tenants.services import village_export

    theirs = village_export(village=village_b, out=tmp_path / "b.tar.gz", actor="test")
    report = drill.restore_drill(slugs=[village.slug], archive_path=theirs)
    assert report["ok"] is False and "another village" in report["results"][0]["error"]


def test_drill_checks_the_whole_cluster_backup(settings, village, capsys):
    """The drill reads PostgreSQL's archiver: where the cluster backup is required, a
    server that archives no WAL (the test server) fails the drill, whatever the villages."""
    from tenants import drill

    report = drill.restore_drill(slugs=[village.slug])
    assert report["cluster_backup"]["archive_mode"] == "off"
    assert report["cluster_backup"]["ok"] is False and report["ok"] is True
    settings.CLUSTER_BACKUP_REQUIRED = True
    with pytest.raises(CommandError):
        call_command("restore_drill", "--village", village.slug)
    assert "cadangan klaster: archive_mode=off" in capsys.readouterr().out

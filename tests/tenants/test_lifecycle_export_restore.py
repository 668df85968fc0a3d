"""Export → delete → restore gives back the same rows, checksums and media files,
under the same or a new subdomain; delete needs an export and a confirmation."""

import json
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from balai_kernel.actor import Actor
from control_plane.provisioning.services import village_provision, village_register
from tenants import archive, routing, schema, services
from tenants.context import village_context
from tenants.models import LifecycleEvent, Village

TRICKY = "baris satu\n-- bukan komentar\nSET bukan_perintah\n\\. bukan akhir"


def _media(village) -> dict[str, bytes]:
    with village_context(village):
        prefix = archive._storage_prefix(village.schema_name)
        out = {}
        for name in archive.media_walk(prefix):
            with default_storage.open(name, "rb") as fh:
                out[name[len(prefix) :]] = fh.read()
    connection.set_schema_to_public()
    return out


@pytest.fixture
def archived_village(wilayah, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for s in ("arsip-uji", "arsip-baru"):
        schema.schema_drop("v_" + s.replace("-", "_"))
    village = village_register(code="1801042006", slug="arsip-uji", actor=Actor.named("t"))
    village_provision(village=village, actor=Actor.named("t"), admin_password="sandi-uji-panjang-1")
    with village_context(village):
        from django.contrib.auth import get_user_model

        for i in range(3):
            get_user_model().objects.create(username=f"warga{i}", first_name=TRICKY)
        prefix = archive._storage_prefix(village.schema_name)
        default_storage.save(f"{prefix}surat/2026/a.pdf", ContentFile(b"%PDF-1.4 isi surat"))
        default_storage.save(f"{prefix}foto.png", ContentFile(b"\x89PNG foto"))
    connection.set_schema_to_public()
    yield village
    for s in ("arsip-uji", "arsip-baru"):
        Village.objects.filter(slug=s).delete()
        schema.schema_drop("v_" + s.replace("-", "_"))


@pytest.mark.django_db(transaction=True)
def test_export_delete_restore_roundtrip(archived_village, tmp_path):
    village = archived_village
    before = archive.schema_stats(village.schema_name)
    media_before = _media(village)
    assert set(media_before) == {"surat/2026/a.pdf", "foto.png"}

    with pytest.raises(services.LifecycleError, match="Ekspor"):
        services.village_delete(village=village, actor="ops", confirm=True)
    out = tmp_path / "arsip.tar.gz"
    services.village_export(village=village, out=out, actor="ops")
    with tarfile.open(out) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["code"] == "1801042006" and manifest["release"]
    assert manifest["tables"] == before and manifest["tables"]["auth_user"]["rows"] == 4
    with pytest.raises(services.LifecycleError, match="dikonfirmasi"):
        services.village_delete(village=village, actor="ops", confirm=False)

    services.village_delete(village=village, actor="ops", confirm=True)
    assert not Village.objects.filter(slug="arsip-uji").exists()
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'v_arsip_uji'")
        assert cur.fetchone() is None
    assert LifecycleEvent.objects.filter(village_slug="arsip-uji", action="deleted").exists()

    # Into a new subdomain (schema renamed; data rows untouched by the rename).
    restored = services.village_restore(source=out, actor="ops", slug="arsip-baru")
    assert restored.status == "active" and restored.schema_name == "v_arsip_baru"
    assert archive.schema_stats("v_arsip_baru") == before
    assert _media(restored) == media_before
    with village_context(restored):
        from django.contrib.auth import get_user_model

        assert get_user_model().objects.get(username="warga1").first_name == TRICKY
    connection.set_schema_to_public()

    # And back under the original subdomain through the CLI.
    out2 = tmp_path / "arsip2.tar.gz"
    call_command("villages", "export", "arsip-baru", "--out", str(out2), "--json")
    call_command("villages", "delete", "arsip-baru", "--confirm", "--json")
    call_command("villages", "restore", str(out2), "--slug", "arsip-uji", "--json")
    again = Village.objects.get(slug="arsip-uji")
    assert archive.schema_stats("v_arsip_uji") == before
    assert _media(again) == media_before
    routing.cache.clear()
    from django.test import Client

    assert Client().get("/", HTTP_HOST=again.host).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_tampered_archive(archived_village, tmp_path):
    out = tmp_path / "a.tar.gz"
    services.village_export(village=archived_village, out=out, actor="ops")
    bad = tmp_path / "bad.tar.gz"
    with tarfile.open(out) as src, tarfile.open(bad, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if b"warga1" in data and member.name != "manifest.json":
                data = data.replace(b"warga1", b"warga9")
                member.size = len(data)
            import io

            dst.addfile(member, io.BytesIO(data))
    with pytest.raises(ValueError, match="checksum"):
        services.village_restore(source=bad, actor="ops", slug="arsip-baru")
    assert not Village.objects.filter(slug="arsip-baru").exists()


def test_dump_fails_with_a_message_instead_of_waiting_for_a_lock_forever(village, settings):
    """A transaction that holds a table of the schema (a migration, say) must not make an
    export or a template dump hang: pg_dump gives up after its lock wait, and says why."""
    import psycopg

    from tests.database import database_url

    settings.PG_DUMP_LOCK_WAIT = "300ms"
    with psycopg.connect(database_url()) as holder:
        holder.execute(
            f'LOCK TABLE "{village.schema_name}".penduduk_penduduk IN ACCESS EXCLUSIVE MODE'
        )
        with pytest.raises(RuntimeError, match="due to statement timeout") as failure:
            archive.pg_dump_full(village.schema_name)
        holder.rollback()
    assert village.schema_name in str(failure.value)
    # Once the lock is gone, the same dump works.
    assert "CREATE TABLE" in archive.pg_dump_full(village.schema_name)


def test_export_fails_with_a_message_instead_of_waiting_for_a_lock_forever(village, settings):
    """The logical export reads every table of the village in one snapshot; a migration
    holding one of them makes it give up after ``PG_DUMP_LOCK_WAIT``, with the reason."""
    import psycopg

    from tenants import logical
    from tests.database import database_url

    settings.PG_DUMP_LOCK_WAIT = "300ms"
    with psycopg.connect(database_url()) as holder:
        holder.execute(
            f'LOCK TABLE "{village.schema_name}".penduduk_penduduk IN ACCESS EXCLUSIVE MODE'
        )
        with pytest.raises(psycopg.errors.LockNotAvailable):
            logical.village_dump(village.schema_name)
        holder.rollback()
    assert logical.village_dump(village.schema_name).data["django_migrations"]


@pytest.mark.django_db(transaction=True)
def test_export_is_the_template_sql_of_its_version_plus_copy_data(archived_village, tmp_path):
    """No pg_dump: the archive holds the stored template SQL of the village's migration
    state and one COPY file per table of it, each with its checksum in the manifest."""
    from tenants.models import SchemaTemplate

    out = tmp_path / "a.tar.gz"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(schema, "pg_dump", lambda *a, **k: pytest.fail("pg_dump called"))
        services.village_export(village=archived_village, out=out, actor="ops")
    manifest, files, _media = archive.archive_read(out)
    fp = schema.fingerprint(schema.schema_applied_migrations(archived_village.schema_name))
    assert manifest["format"] == 2 and manifest["schema_fingerprint"] == fp
    assert files["schema.sql"].decode() == SchemaTemplate.objects.get(fingerprint=fp).sql
    assert {f"data/{t}.copy" for t in manifest["tables"]} | {"schema.sql"} == set(files)
    assert set(manifest["files"]) == set(files)
    assert b"warga1" in files["data/auth_user.copy"]


@pytest.mark.django_db(transaction=True)
def test_restore_beside_the_live_village_is_refused_with_the_way_to_compare(
    archived_village, tmp_path, capsys
):
    """docs/operations.md §10: one live village per Kemendagri code, so ``restore
    --slug NEW`` of a live village's archive is refused (JSON, exit 1) and names the
    comparison that works, the restore drill on the archive (issue 18, finding 10)."""
    out = tmp_path / "arsip.tar.gz"
    services.village_export(village=archived_village, out=out, actor="ops")
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        call_command("villages", "restore", str(out), "--slug", "arsip-baru", "--json")
    assert exc.value.code == 1
    error = json.loads(capsys.readouterr().out)["error"]
    assert "18.01.04.2006" in error and "arsip-uji" in error
    assert "restore_drill --village arsip-uji --archive arsip.tar.gz" in error
    assert not Village.objects.filter(slug="arsip-baru").exists()
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'v_arsip_baru'")
        assert cur.fetchone() is None
    # The comparison the message names works on that archive.
    call_command("restore_drill", "--village", "arsip-uji", "--archive", str(out))

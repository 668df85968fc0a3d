"""Media storage and backups against a local S3 API (moto's server mode, real HTTP)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import boto3
import pytest
import requests
from django.core.exceptions import SuspiciousOperation
from django.core.files.base import ContentFile
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from tenants.backups import RetentionPolicy, backup_list, backup_store
from tenants.context import village_context
from tenants.storage import VillageFileSystemStorage, VillageS3Storage

ROOT = Path(__file__).resolve().parents[2]
CREDENTIALS = {"access_key": "uji", "secret_key": "uji-rahasia", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, request):
    name = "balai-" + request.node.name.replace("_", "-").lower()[:40].strip("-")
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
        region_name=CREDENTIALS["region_name"],
    )
    client.create_bucket(Bucket=name)
    return client, name


def _keys(client, bucket_name: str) -> list[str]:
    listing = client.list_objects_v2(Bucket=bucket_name)
    return sorted(obj["Key"] for obj in listing.get("Contents", []))


def _media(s3_endpoint: str, bucket_name: str) -> VillageS3Storage:
    return VillageS3Storage(
        bucket_name=bucket_name, endpoint_url=s3_endpoint, location="media", **CREDENTIALS
    )


# --- media ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_s3_keys_are_prefixed_by_village(s3_endpoint, bucket, village, village_b):
    client, name = bucket
    storage = _media(s3_endpoint, name)
    with village_context(village):
        saved = storage.save("surat/lampiran.txt", ContentFile(b"milik hajimena"))
    with village_context(village_b):
        storage.save("surat/lampiran.txt", ContentFile(b"milik sidosari"))
        assert storage.open(saved).read() == b"milik sidosari"

    assert _keys(client, name) == [
        f"media/{village.schema_name}/surat/lampiran.txt",
        f"media/{village_b.schema_name}/surat/lampiran.txt",
    ]
    with village_context(village):
        assert storage.open(saved).read() == b"milik hajimena"


@pytest.mark.django_db
def test_s3_name_cannot_escape_its_village(s3_endpoint, bucket, village, village_b):
    _, name = bucket
    storage = _media(s3_endpoint, name)
    with village_context(village_b):
        storage.save("rahasia.txt", ContentFile(b"x"))
    with village_context(village):
        assert not storage.exists("rahasia.txt")
        with pytest.raises(SuspiciousOperation):
            storage.open(f"../{village_b.schema_name}/rahasia.txt")


@pytest.mark.django_db
def test_s3_private_files_through_signed_urls(s3_endpoint, bucket, village):
    _, name = bucket
    storage = _media(s3_endpoint, name)
    with village_context(village):
        key = storage.save("dokumen/kk.pdf", ContentFile(b"%PDF-1.7 isi"))
        url = storage.url(key)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=600" in url
    assert f"/media/{village.schema_name}/dokumen/kk.pdf" in url
    assert requests.get(url, timeout=10).content == b"%PDF-1.7 isi"


def test_s3_without_village_context_uses_public_prefix(s3_endpoint, bucket, db):
    client, name = bucket
    storage = _media(s3_endpoint, name)
    storage.save("logo.png", ContentFile(b"png"))
    assert _keys(client, name) == ["media/public/logo.png"]


@pytest.mark.django_db
def test_filesystem_storage_prefixes_village(tmp_path, settings, village, village_b):
    settings.MEDIA_ROOT = tmp_path
    storage = VillageFileSystemStorage()
    with village_context(village):
        saved = storage.save("foto/kantor.jpg", ContentFile(b"jpg-a"))
        assert storage.url(saved) == f"/media/{village.schema_name}/foto/kantor.jpg"
    with village_context(village_b):
        assert not storage.exists(saved)
    assert (tmp_path / village.schema_name / "foto" / "kantor.jpg").read_bytes() == b"jpg-a"


def _settings_in_subprocess(**env: str) -> dict:
    script = (
        "import json, django; django.setup()\n"
        "from django.conf import settings\n"
        "print(json.dumps({k: v['BACKEND'] for k, v in settings.STORAGES.items()}))\n"
    )
    full_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "balai_site.settings",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=full_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode:
        return {"error": result.stderr.strip().splitlines()[-1]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_settings_select_s3_from_environment():
    configured = _settings_in_subprocess(
        MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="balai-media", AWS_S3_ENDPOINT_URL="http://s3"
    )
    assert configured["default"] == "tenants.storage.VillageS3Storage"
    assert configured["backups"] == "storages.backends.s3.S3Storage"
    missing = _settings_in_subprocess(MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="")
    assert "AWS_STORAGE_BUCKET_NAME is required" in missing["error"]


# --- backups ----------------------------------------------------------------------------


def _backup_storage(s3_endpoint: str, bucket_name: str) -> S3Storage:
    return S3Storage(
        bucket_name=bucket_name, endpoint_url=s3_endpoint, location="backups", **CREDENTIALS
    )


@pytest.mark.django_db
def test_backups_rotate_daily_weekly_monthly(s3_endpoint, bucket, village, village_b, tmp_path):
    client, name = bucket
    storage = _backup_storage(s3_endpoint, name)
    archive = tmp_path / "ekspor.tar.gz"
    archive.write_bytes(b"arsip")
    policy = RetentionPolicy(daily=3, weekly=2, monthly=2)
    # The other village's backup must survive every prune of this one.
    backup_store(
        archive=archive,
        village=village_b,
        storage=storage,
        policy=policy,
        now=datetime(2026, 1, 1, 18, 30, tzinfo=UTC),
    )
    start = datetime(2026, 1, 1, 18, 30, tzinfo=UTC)  # a Thursday
    for day in range(70):
        backup_store(
            archive=archive,
            village=village,
            storage=storage,
            policy=policy,
            now=start + timedelta(days=day),
        )

    keys = _keys(client, name)
    mine = [k for k in keys if k.startswith(f"backups/{village.slug}/")]
    assert [k for k in keys if k not in mine] == [
        f"backups/{village_b.slug}/{kind}/{village_b.slug}-20260101T183000Z.tar.gz"
        for kind in ("daily", "monthly", "weekly")
    ]
    daily = backup_list(village_slug=village.slug, kind="daily", storage=storage)
    assert [k.rsplit("-", 1)[1] for k in daily] == [
        "20260309T183000Z.tar.gz",
        "20260310T183000Z.tar.gz",
        "20260311T183000Z.tar.gz",
    ]
    weekly = backup_list(village_slug=village.slug, kind="weekly", storage=storage)
    # First backup of ISO weeks 10 and 11 of 2026 (Mondays 2 and 9 March).
    assert [k.rsplit("-", 1)[1] for k in weekly] == [
        "20260302T183000Z.tar.gz",
        "20260309T183000Z.tar.gz",
    ]
    monthly = backup_list(village_slug=village.slug, kind="monthly", storage=storage)
    assert [k.rsplit("-", 1)[1] for k in monthly] == [
        "20260201T183000Z.tar.gz",
        "20260301T183000Z.tar.gz",
    ]
    assert storage.open(daily[-1]).read() == b"arsip"


@pytest.mark.django_db
def test_missed_sunday_still_gives_one_weekly(s3_endpoint, bucket, village, tmp_path):
    _, name = bucket
    storage = _backup_storage(s3_endpoint, name)
    archive = tmp_path / "ekspor.tar.gz"
    archive.write_bytes(b"arsip")
    for day in (3, 5):  # Wednesday and Friday of the same ISO week, nothing on Monday
        backup_store(
            archive=archive,
            village=village,
            storage=storage,
            now=datetime(2026, 6, day, 18, 30, tzinfo=UTC),
        )
    weekly = backup_list(village_slug=village.slug, kind="weekly", storage=storage)
    assert [k.rsplit("/", 1)[1] for k in weekly] == [f"{village.slug}-20260603T183000Z.tar.gz"]


@pytest.mark.django_db
def test_backup_schedule_defers_one_job_per_served_village(village, village_b, village_x):
    from procrastinate.contrib.django.models import ProcrastinateJob

    from tenants.models import Village
    from tenants.tasks import village_backups_schedule

    served = set(
        Village.objects.filter(status__in=["active", "suspended"]).values_list("pk", flat=True)
    )
    assert village_backups_schedule(timestamp=0) == len(served)
    jobs = ProcrastinateJob.objects.filter(task_name="tenants.tasks.village_backup_task")
    assert {job.args["village_id"] for job in jobs} == served
    assert {job.queue_name for job in jobs} == {"backups"}


@pytest.mark.django_db
def test_backup_task_exports_and_stores_one_village(settings, tmp_path, village):
    import tarfile

    from tenants.tasks import village_backup_task

    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    keys = village_backup_task(village_id=village.pk)

    assert [k.split("/")[:2] for k in keys] == [
        [village.slug, "daily"],
        [village.slug, "weekly"],
        [village.slug, "monthly"],
    ]
    with tarfile.open(tmp_path / keys[0]) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    assert manifest["slug"] == village.slug
    assert {p.name for p in tmp_path.iterdir()} == {village.slug}


def test_nightly_backups_are_a_periodic_task_of_the_worker(settings):
    """One scheduler: the worker's periodic tasks, not a Kubernetes CronJob."""
    from procrastinate.contrib.django import app

    import tenants.tasks  # noqa: F401 - the worker autodiscovers <app>.tasks the same way

    periodic = {
        key: task
        for key, task in app.periodic_registry.periodic_tasks.items()
        if key[0] == "tenants.tasks.village_backups_schedule"
    }
    assert len(periodic) == 1
    assert next(iter(periodic.values())).cron == settings.BACKUP_CRON == "30 18 * * *"

"""A village export asked for in the console runs in the worker, never in the request;
the stored archive is downloaded from the village's page, and nothing stays in the
temporary folder — after an export and after a failed one (issue 16, finding 14;
issue 17: exports out of the request)."""

from __future__ import annotations

import io
import os
import tarfile
import tempfile

import pytest

from control_plane.console.tasks import village_export_task
from tests.control_plane.console.test_villages import login
from tests.control_plane.onboarding.helpers import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """The process's temporary folder, made observable: everything ``tempfile`` makes
    lands here."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_export_is_queued_then_downloaded(
    settings,
    village,
    temp_folder,
    tmp_path,
    backups,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    queued = []
    monkeypatch.setattr(village_export_task, "defer", lambda **kw: queued.append(kw))
    client = login(make_staff("ops-ekspor", "ops"), settings)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ops/desa/{village.slug}/export/")
    assert response.status_code == 302  # the request only queues the job
    assert queued == [{"village_id": village.pk, "actor": "ops-ekspor"}]
    assert list(temp_folder.iterdir()) == []

    key = village_export_task(**queued[0])  # what the worker runs
    assert key.startswith(f"{village.slug}/exports/{village.slug}-")
    assert list(temp_folder.iterdir()) == []  # the local copy is gone

    page = client.get(response["Location"]).content.decode()
    name = key.rsplit("/", 1)[1]
    assert name in page
    assert client.get(f"/ops/desa/{village.slug}/ekspor/lain.tar.gz").status_code == 404
    other = f"{village.slug}-20260101T000000Z.tar.gz"  # well formed, not stored
    assert client.get(f"/ops/desa/{village.slug}/ekspor/{other}").status_code == 404
    download = client.get(f"/ops/desa/{village.slug}/ekspor/{name}")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith(f'attachment; filename="{name}"')
    data = b"".join(download.streaming_content)
    download.close()  # fires request_finished: no database query after it
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        assert {"schema.sql", "manifest.json"} <= set(tar.getnames())


def test_only_operations_download_exports(settings, village, backups):
    client = login(make_staff("m-ekspor", "contract_manager", "1801"), settings)
    assert client.post(f"/ops/desa/{village.slug}/export/").status_code == 403
    name = f"{village.slug}-20260101T000000Z.tar.gz"
    assert client.get(f"/ops/desa/{village.slug}/ekspor/{name}").status_code == 403


@pytest.mark.parametrize("inside", [True, False], ids=["dangling-link", "link-out-of-folder"])
def test_a_failed_export_leaves_no_partial_archive(
    settings, village, temp_folder, tmp_path, backups, inside
):
    """A media file that cannot be read breaks the archive halfway: a dangling link in
    the village folder (unreadable), or a link out of it (the storage refuses it). The
    job fails; no archive is stored and nothing stays in the temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = settings.MEDIA_ROOT / village.schema_name / "profil"
    folder.mkdir(parents=True)
    target = (folder if inside else tmp_path) / "tidak-ada.jpg"
    os.symlink(target, folder / "logo.jpg")
    with pytest.raises(Exception):  # noqa: B017 - OSError or SuspiciousOperation, by storage
        village_export_task(village_id=village.pk, actor="ops")
    assert list(temp_folder.iterdir()) == []
    assert not (backups / village.slug / "exports").exists() or not any(
        (backups / village.slug / "exports").iterdir()
    )

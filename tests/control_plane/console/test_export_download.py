"""A village export downloaded from the console leaves nothing in the temporary folder,
after a download and after a failed export (issue 16, finding 14)."""

from __future__ import annotations

import io
import os
import tarfile
import tempfile

import pytest

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


def test_export_download_leaves_no_copy_behind(settings, village, temp_folder, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = login(make_staff("ops-ekspor", "ops"), settings)
    response = client.post(f"/ops/desa/{village.slug}/export/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith(
        'attachment; filename="hajimena.tar.gz"'
    )
    assert list(temp_folder.iterdir()) == []  # already gone while the body streams
    data = b"".join(response.streaming_content)
    response.close()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        assert {"schema.sql", "manifest.json"} <= set(tar.getnames())
    assert list(temp_folder.iterdir()) == []


@pytest.mark.parametrize("inside", [True, False], ids=["dangling-link", "link-out-of-folder"])
def test_a_failed_export_leaves_no_partial_archive(
    settings, village, temp_folder, tmp_path, inside
):
    """A media file that cannot be read breaks the archive halfway: a dangling link in
    the village folder (unreadable), or a link out of it (the storage refuses it)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = settings.MEDIA_ROOT / village.schema_name / "profil"
    folder.mkdir(parents=True)
    target = (folder if inside else tmp_path) / "tidak-ada.jpg"
    os.symlink(target, folder / "logo.jpg")
    client = login(make_staff("ops-ekspor2", "ops"), settings)
    response = client.post(f"/ops/desa/{village.slug}/export/")
    assert response.status_code == 302
    assert "Ekspor gagal" in client.get(response["Location"]).content.decode()
    assert list(temp_folder.iterdir()) == []

"""Fill the upload limit: a body over ``UPLOAD_MAX_MB`` gets a clean 413 in Indonesian
and writes nothing (no temporary file, no media file, no row); the next normal
upload, large enough to be disk-backed, works.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from tenants.context import village_context

URL = "/kelola/impor-opensid/"
MB = 1024 * 1024


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.mark.slow
@pytest.mark.django_db
def test_upload_over_the_limit_is_refused_cleanly_and_the_next_one_works(
    village, admin_client, settings, tmp_path
):
    from village_apps.opensid_import.models import ImporOpenSID

    temp_dir, media = tmp_path / "unggah-sementara", tmp_path / "media"
    temp_dir.mkdir()
    settings.UPLOAD_MAX_BYTES = 3 * MB
    settings.FILE_UPLOAD_TEMP_DIR = str(temp_dir)
    settings.MEDIA_ROOT = media
    line = b"INSERT INTO tweb_penduduk VALUES (1);\n"

    too_big = SimpleUploadedFile("cadangan.sql", line * (3 * MB // len(line) + 100))
    response = admin_client.post(URL, {"berkas": too_big})
    assert response.status_code == 413
    page = response.content.decode()
    assert "Berkas terlalu besar" in page
    assert "Ukuran unggahan paling besar 3 MB." in page
    assert "Tidak ada data yang disimpan" in page
    assert response["Connection"] == "close"
    # Nothing was written anywhere: no temporary upload, no media file, no import row.
    assert _files(temp_dir) == []
    assert not media.exists() or _files(media) == []
    with village_context(village):
        assert ImporOpenSID.objects.count() == 0
    connection.set_schema_to_public()

    # Under the limit, over the in-memory size: written to a temporary file,
    # stored, and the temporary file is gone after the request.
    settings.UPLOAD_MAX_BYTES = 4 * MB
    normal = SimpleUploadedFile("cadangan.sql", line * (int(2.5 * MB) // len(line)))
    assert normal.size > settings.FILE_UPLOAD_MAX_MEMORY_SIZE  # disk-backed while read
    response = admin_client.post(URL, {"berkas": normal})
    assert response.status_code == 302, response.content.decode()[:500]
    with village_context(village):
        impor = ImporOpenSID.objects.get()
        assert impor.berkas.size == normal.size
    connection.set_schema_to_public()
    stored = _files(media)
    assert len(stored) == 1 and stored[0].stat().st_size == normal.size
    assert _files(temp_dir) == []


@pytest.mark.django_db
def test_limit_is_on_the_declared_length_before_any_read(village, settings):
    """Refused on ``Content-Length`` alone: the body is never read (here it is not even
    there), so sessions, CSRF and the view never see the request."""
    settings.UPLOAD_MAX_BYTES = 1 * MB
    client = Client(HTTP_HOST=village.host)
    response = client.generic(
        "POST",
        "/",
        data=b"x" * 16,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(MB + 1),
    )
    assert response.status_code == 413
    assert "Ukuran unggahan paling besar 1 MB." in response.content.decode()
    assert client.get("/").status_code == 200  # the next request is served as usual

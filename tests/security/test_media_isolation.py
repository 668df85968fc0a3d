"""Uploaded files: a village serves only its own public files; private folders never by URL."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tenants.context import village_context

pytestmark = pytest.mark.security


@pytest.fixture
def files(village, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with village_context(village):
        logo = default_storage.save("profil/logo.png", ContentFile(b"\x89PNG logo-A"))
        photo = default_storage.save("penduduk/foto.jpg", ContentFile(b"foto pribadi"))
        return {"logo": default_storage.url(logo), "photo": default_storage.url(photo)}


def test_village_serves_its_own_public_file(client, village, files):
    assert files["logo"].startswith(f"/media/{village.schema_name}/")
    response = client.get(files["logo"], HTTP_HOST=village.host)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\x89PNG logo-A"


def test_another_village_cannot_serve_it(client, village_b, files):
    assert client.get(files["logo"], HTTP_HOST=village_b.host).status_code == 404


def test_private_folders_are_never_served_by_url(client, village, files):
    assert client.get(files["photo"], HTTP_HOST=village.host).status_code == 404


def test_path_traversal_is_refused(client, village, files):
    url = f"/media/{village.schema_name}/profil/../../../etc/passwd"
    assert client.get(url, HTTP_HOST=village.host).status_code == 404

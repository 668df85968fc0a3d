"""Uploaded files: a village serves only its own public files; private folders never by URL.

The media view decides on the file's real location: every spelling of a way out of a
public folder (``..``, encoded separators, backslashes, double encoding, absolute paths,
NUL, symbolic links) must end in 404 without the private bytes.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tenants.context import village_context
from tests.database import database_url

pytestmark = pytest.mark.security

PRIVATE = {
    "penduduk/warga1.jpg": b"\xff\xd8 FOTO-WARGA-RAHASIA",
    "pengaduan/aduan.jpg": b"\xff\xd8 FOTO-ADUAN-RAHASIA",
    "mandiri/syarat/2026/ktp.jpg": b"\xff\xd8 PINDAIAN-KTP-RAHASIA",
}
SECRETS = (b"RAHASIA", b"root:")
ROOT = Path(__file__).resolve().parents[2]


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


# --- every way out of a public folder ---------------------------------------------------


@pytest.fixture
def media_tree(village, village_b, settings, tmp_path):
    """Village A's media: public pictures, private files beside them, symbolic links
    planted inside public folders, a file of village B and one outside MEDIA_ROOT."""
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    with village_context(village):
        default_storage.save("profil/logo.png", ContentFile(b"\x89PNG logo-A"))
        default_storage.save("web/artikel/berita.jpg", ContentFile(b"\xff\xd8 artikel"))
        for name, data in PRIVATE.items():
            default_storage.save(name, ContentFile(data))
    with village_context(village_b):
        default_storage.save("profil/logo.png", ContentFile(b"\x89PNG logo-B RAHASIA"))
    outside = tmp_path / "luar.jpg"
    outside.write_bytes(b"\xff\xd8 DI-LUAR-MEDIA RAHASIA")
    own = root / village.schema_name
    os.symlink("../penduduk/warga1.jpg", own / "profil" / "tautan.jpg")
    os.symlink(outside, own / "profil" / "luar.jpg")
    os.symlink(own / "penduduk", own / "aparatur")  # a whole public folder pointing away
    return {
        "root": root,
        "schema": village.schema_name,
        "other": village_b.schema_name,
        "outside": outside,
    }


TRAVERSALS = [
    "profil/../penduduk/warga1.jpg",
    "profil/%2e%2e/penduduk/warga1.jpg",
    "profil/%2E%2E/penduduk/warga1.jpg",
    "profil/.%2e/penduduk/warga1.jpg",
    "profil/..%2fpenduduk%2fwarga1.jpg",
    "profil%2f..%2fpenduduk%2fwarga1.jpg",
    "profil/%2e%2e%2fpenduduk%2fwarga1.jpg",
    "profil/..\\penduduk\\warga1.jpg",
    "profil/..%5cpenduduk%5cwarga1.jpg",
    "profil%5c..%5cpenduduk%5cwarga1.jpg",
    "profil/%252e%252e/penduduk/warga1.jpg",
    "profil/%252e%252e%252fpenduduk%252fwarga1.jpg",
    "profil/%c0%ae%c0%ae/penduduk/warga1.jpg",
    "profil/\uff0e\uff0e/penduduk/warga1.jpg",
    "profil/..;/penduduk/warga1.jpg",
    "profil/./../penduduk/warga1.jpg",
    "profil//../penduduk/warga1.jpg",
    "profil/logo.png/../../penduduk/warga1.jpg",
    "web/artikel/../../penduduk/warga1.jpg",
    "web/artikel/../../pengaduan/aduan.jpg",
    "web/galeri/../../mandiri/syarat/2026/ktp.jpg",
    "pembangunan/../mandiri/syarat/2026/ktp.jpg",
    "profil/../../{other}/profil/logo.png",
    "profil/../../../luar.jpg",
    "/{outside}",
    "profil/../../../../../../../../{outside}",
    "profil/logo.png%00.jpg",
    "profil/%00/../penduduk/warga1.jpg",
    "profil/tautan.jpg",
    "profil/luar.jpg",
    "aparatur/warga1.jpg",
    "penduduk/warga1.jpg",
    "pengaduan/aduan.jpg",
    "mandiri/syarat/2026/ktp.jpg",
    "PROFIL/../penduduk/warga1.jpg",
]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("rest", TRAVERSALS)
def test_no_way_out_of_a_public_folder(client, village, media_tree, rest):
    rest = rest.format(other=media_tree["other"], outside=str(media_tree["outside"]).lstrip("/"))
    response = client.get(f"/media/{media_tree['schema']}/{rest}", HTTP_HOST=village.host)
    body = _body(response)
    # A NUL byte is refused before routing (NulByteMiddleware: 400); the view says 404.
    assert response.status_code == (400 if "%00" in rest else 404), rest
    assert not any(secret in body for secret in SECRETS), rest


def test_public_files_are_still_served(client, village, media_tree):
    for name, data in (("profil/logo.png", b"\x89PNG logo-A"), ("web/artikel/berita.jpg", None)):
        response = client.get(f"/media/{media_tree['schema']}/{name}", HTTP_HOST=village.host)
        assert response.status_code == 200, name
        assert data is None or _body(response) == data


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _raw_get(port: int, path: str, host: str) -> tuple[int, bytes]:
    """One GET whose request line is sent byte for byte (no client normalises it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_traversal_over_real_http(village, media_tree):
    """The same refusal through gunicorn, whose path decoding the test client only
    imitates (Django's live server would answer /media/ itself, without the view)."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(media_tree["root"]),
        "DEBUG": "true",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    web = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "balai_site.wsgi:application", "-w", "1"]
        + ["-b", f"127.0.0.1:{port}", "--error-logfile", "/dev/null"],
        cwd=ROOT,
        env=env,
    )
    host, schema = village.host, media_tree["schema"]
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _raw_get(port, "/ping/", host)[0] == 200:
                    break
            except OSError:
                pass
            assert web.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.3)
        # Control: a public file comes through this server and this view.
        assert _raw_get(port, f"/media/{schema}/profil/logo.png", host) == (200, b"\x89PNG logo-A")
        for rest in (
            "profil/../penduduk/warga1.jpg",
            "profil/%2e%2e/penduduk/warga1.jpg",
            "profil/..%2fpenduduk%2fwarga1.jpg",
            "profil/..%5cpenduduk%5cwarga1.jpg",
            "profil/%252e%252e/penduduk/warga1.jpg",
            "profil/tautan.jpg",
        ):
            status, body = _raw_get(port, f"/media/{schema}/{rest}", host)
            assert status == 404, rest
            assert not any(secret in body for secret in SECRETS), rest
    finally:
        web.send_signal(signal.SIGTERM)
        web.wait(timeout=40)

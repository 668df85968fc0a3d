"""Serving uploaded files from filesystem storage (development and single-host installs).

In production media live on private object storage and pages link pre-signed URLs. Here
a file is served only when its schema prefix is the current village's own and its folder
holds public material (logo, officials' photos, articles, gallery, projects). Residents'
photos, complaint photos, sign-up proofs and requirement documents are never served by
URL: their apps stream them through permission-checked, audited views.

The folder is decided on the file's real location, never on the requested text: the
request must name the file canonically (no ``..``, ``.`` or empty segment, no backslash,
no ``%`` left after the server's one decoding, no control character), and the path with
every symbolic link followed must still lie inside one of the village's public folders.
Checking the text first and resolving later served ``profil/../penduduk/warga1.jpg``.

Public folders hold pictures only: any other file type is not served (an HTML, SVG or
script file that slipped in, e.g. named in an imported OpenSID article, must not run
on the village's domain), and every response forbids sniffing and scripts.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from tenants.storage import media_name_check

PUBLIC_FOLDERS = ("profil", "aparatur", "web/artikel", "web/galeri", "pembangunan")
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


def public_file(*, schema: str, name: str) -> Path | None:
    """The real path of ``name`` if it is a picture in one of ``schema``'s public
    folders (after following symbolic links), else ``None``."""
    try:
        media_name_check(name)
    except SuspiciousFileOperation:
        return None
    if not name or name.endswith("/"):
        return None
    root = (Path(settings.MEDIA_ROOT) / schema).resolve()
    target = (root / name).resolve()
    if IMAGE_TYPES.get(target.suffix.lower()) is None:
        return None
    if not any(target.is_relative_to(root / folder) for folder in PUBLIC_FOLDERS):
        return None
    return target if target.is_file() else None


@require_GET
def media(request: HttpRequest, schema: str, path: str) -> FileResponse:
    tenant = getattr(request, "tenant", None)
    own = tenant.schema_name if tenant is not None else "public"
    target = public_file(schema=own, name=path) if schema == own else None
    if target is None:
        raise Http404
    response = FileResponse(target.open("rb"), content_type=IMAGE_TYPES[target.suffix.lower()])
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

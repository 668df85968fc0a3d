"""Serving uploaded files from filesystem storage (development and single-host installs).

In production media live on private object storage and pages link pre-signed URLs. Here
a file is served only when its schema prefix is the current village's own and its folder
holds public material (logo, officials' photos, articles, gallery, projects). Residents'
photos, complaint photos, sign-up proofs and requirement documents are never served by
URL: their apps stream them through permission-checked, audited views.

Public folders hold pictures only: any other file type is not served (an HTML, SVG or
script file that slipped in, e.g. named in an imported OpenSID article, must not run
on the village's domain), and every response forbids sniffing and scripts.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

PUBLIC_FOLDERS = ("profil/", "aparatur/", "web/artikel/", "web/galeri/", "pembangunan/")
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


@require_GET
def media(request: HttpRequest, schema: str, path: str) -> FileResponse:
    tenant = getattr(request, "tenant", None)
    own = tenant.schema_name if tenant is not None else "public"
    content_type = IMAGE_TYPES.get(Path(path).suffix.lower())
    if schema != own or not path.startswith(PUBLIC_FOLDERS) or content_type is None:
        raise Http404
    root = (Path(settings.MEDIA_ROOT) / own).resolve()
    target = (root / path).resolve()
    if root not in target.parents or not target.is_file():
        raise Http404
    response = FileResponse(target.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

"""Serving uploaded files from filesystem storage (development and single-host installs).

In production media live on private object storage and pages link pre-signed URLs. Here
a file is served only when its schema prefix is the current village's own and its folder
holds public material (logo, officials' photos, articles, gallery, projects). Residents'
photos, complaint photos, sign-up proofs and requirement documents are never served by
URL: their apps stream them through permission-checked, audited views.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

PUBLIC_FOLDERS = ("profil/", "aparatur/", "web/artikel/", "web/galeri/", "pembangunan/")


@require_GET
def media(request: HttpRequest, schema: str, path: str) -> FileResponse:
    tenant = getattr(request, "tenant", None)
    own = tenant.schema_name if tenant is not None else "public"
    if schema != own or not path.startswith(PUBLIC_FOLDERS):
        raise Http404
    root = (Path(settings.MEDIA_ROOT) / own).resolve()
    target = (root / path).resolve()
    if root not in target.parents or not target.is_file():
        raise Http404
    response = FileResponse(target.open("rb"))
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response

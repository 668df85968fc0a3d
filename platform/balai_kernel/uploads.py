"""One limit on every request body, checked before anything is read or written.

Uploads above ``FILE_UPLOAD_MAX_MEMORY_SIZE`` are streamed to a temporary file while
Django reads the request, so without a limit one client could fill the disk of a web
pod (and, for the imports that keep a file, the media storage and the database).
``UploadLimitMiddleware`` answers 413 with an Indonesian page when the declared
``Content-Length`` is over ``UPLOAD_MAX_BYTES``: the body is never read, and no
temporary file, media file or row is made.

The declared length is the whole truth: Django reads at most ``Content-Length`` bytes
of a body (``LimitedStream``) and parses no multipart body without one. The ingress
should refuse the same size earlier (``proxy-body-size``, docs/operations.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def limit_message() -> str:
    mb = settings.UPLOAD_MAX_BYTES / (1024 * 1024)
    return _("Ukuran unggahan paling besar %(mb)s MB.") % {"mb": f"{mb:g}"}


class UploadLimitMiddleware:
    """413 for bodies over the limit, before sessions, CSRF or a view read anything."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared <= settings.UPLOAD_MAX_BYTES:
            return self.get_response(request)
        # Before LocaleMiddleware: pick the visitor's language here.
        with translation.override(translation.get_language_from_request(request)):
            html = render_to_string("balai/upload_too_large.html", {"message": limit_message()})
        response = HttpResponse(html, status=413)
        # The unread body is still on the socket: do not reuse the connection.
        response["Connection"] = "close"
        return response


# Documents staff or residents upload (scans of signed documents, requirement files),
# recognised by their first bytes, never by the name or the browser's declared type.
DOCUMENT_TYPES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}


def document_kind(upload: Any) -> tuple[str, str] | None:
    """``(content type, extension)`` of an uploaded PDF/PNG/JPEG read from its first
    bytes (the file is rewound), ``None`` for anything else. Callers word the refusal."""
    head = upload.read(16)
    upload.seek(0)
    return next((kind for magic, kind in DOCUMENT_TYPES.items() if head.startswith(magic)), None)

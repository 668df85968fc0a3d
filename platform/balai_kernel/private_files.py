"""The one answer for a private stored file (a resident's requirement document, a
complaint's photo) that a permission-checked view streams to the staff member who may
see it. Such files are never served by URL (``tenants.media`` refuses their folders).

Shown inline under its stored name's last segment, never cached by a browser or
proxy, never sniffed into another type and, should it be opened as a page, sandboxed
without scripts.
"""

from __future__ import annotations

from typing import IO

from django.http import FileResponse
from django.utils.http import content_disposition_header


def private_file_response(opened: IO[bytes], *, content_type: str, name: str) -> FileResponse:
    response = FileResponse(opened, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=name.rsplit("/", 1)[-1]
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

"""The one check for an uploaded document (a requirement document, an incoming letter's
scan): its type is read from its first bytes, never from its name or the browser's
claim, and its size is bounded before anything is stored.

Only PDF, PNG and JPEG are accepted: what a village office scans or photographs, and
what a browser shows without running anything. The stored name is the caller's
business (never the uploader's file name: see ``document_name``).
"""

from __future__ import annotations

import uuid
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext

# Accepted documents, recognised by their first bytes (not the name).
DOCUMENT_TYPES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}


def document_check(upload: UploadedFile, *, max_bytes: int) -> tuple[str, str]:
    """``(content type, extension)`` of an accepted document; a ``ValidationError``
    naming the file when it is too large or not a PDF, JPG or PNG."""
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            gettext("Berkas %(nama)s lebih dari %(mb)s MB.")
            % {"nama": upload.name, "mb": f"{max_bytes / (1024 * 1024):g}"}
        )
    kind = document_kind(upload)
    if kind is not None:
        return kind
    raise ValidationError(
        gettext("Berkas %(nama)s harus PDF, JPG atau PNG.") % {"nama": upload.name}
    )


def document_kind(upload: IO[bytes]) -> tuple[str, str] | None:
    """``(content type, extension)`` read from the first bytes (the file is rewound),
    ``None`` for anything else: for callers that word their own refusal (the OpenSID
    import reports a file it skips instead of refusing the whole import)."""
    head = upload.read(16)
    upload.seek(0)
    return next((kind for magic, kind in DOCUMENT_TYPES.items() if head.startswith(magic)), None)


def document_name(extension: str) -> str:
    """A fresh stored name: random, never the uploader's file name (which can hold a
    resident's name)."""
    return f"{uuid.uuid4().hex}.{extension}"

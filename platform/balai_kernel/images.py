"""The size limit of uploaded pictures, one number for every app that takes them
(the website shrinks its photos further; identity pictures are served as they are)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

IMAGE_MAX_BYTES = 5 * 1024 * 1024


def image_size_check(upload: Any) -> None:
    """``ValidationError`` (Indonesian) for an upload larger than ``IMAGE_MAX_BYTES``."""
    if upload and (getattr(upload, "size", 0) or 0) > IMAGE_MAX_BYTES:
        raise ValidationError(_("Ukuran gambar paling besar 5 MB."))

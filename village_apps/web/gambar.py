"""Uploaded images, made small before they are stored.

Village connections are slow, so every photo (articles, gallery, complaints,
projects) is size-limited on upload, scaled down to at most ``SISI_MAKS`` pixels and
re-encoded as JPEG. Re-encoding also drops EXIF metadata (GPS positions of residents'
houses) and anything that is not an image.
"""

from __future__ import annotations

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from balai_kernel.images import image_size_check

SISI_MAKS = 1280
Image.MAX_IMAGE_PIXELS = 40_000_000


def gambar_siapkan(berkas: UploadedFile, *, sisi_maks: int = SISI_MAKS) -> ContentFile:
    """Validate and shrink one uploaded image; raises ``ValidationError`` in Indonesian."""
    image_size_check(berkas)
    try:
        with Image.open(berkas) as asli:
            asli.load()
            gambar = ImageOps.exif_transpose(asli).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Berkas bukan gambar yang dapat dibaca (JPEG/PNG/WebP).")) from exc
    gambar.thumbnail((sisi_maks, sisi_maks))
    keluaran = io.BytesIO()
    gambar.save(keluaran, format="JPEG", quality=80, optimize=True, progressive=True)
    return ContentFile(keluaran.getvalue(), name=f"{uuid.uuid4().hex}.jpg")

"""Uploaded images, made small before they are stored (the one image limit of the
project: village sites, complaints, projects, the village profile).

Village connections are slow, so every photo (articles, gallery, complaints,
projects) is size-limited on upload, scaled down to at most ``IMAGE_MAX_SIDE`` pixels and
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

IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_SIDE = 1280
Image.MAX_IMAGE_PIXELS = 40_000_000


def image_prepare(
    berkas: UploadedFile, *, max_side: int = IMAGE_MAX_SIDE, transparent: bool = False
) -> ContentFile:
    """Validate and shrink one uploaded image; raises ``ValidationError`` in Indonesian.

    ``transparent=True`` (a logo printed on letters) keeps an image's transparency: it
    is re-encoded as PNG when it has any, else as JPEG like every photo."""
    if berkas.size and berkas.size > IMAGE_MAX_BYTES:
        raise ValidationError(_("Ukuran gambar paling besar 5 MB."))
    try:
        with Image.open(berkas) as asli:
            asli.load()
            gambar = ImageOps.exif_transpose(asli)
            alpha = transparent and ("A" in gambar.getbands() or "transparency" in gambar.info)
            gambar = gambar.convert("RGBA" if alpha else "RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Berkas bukan gambar yang dapat dibaca (JPEG/PNG/WebP).")) from exc
    gambar.thumbnail((max_side, max_side))
    keluaran = io.BytesIO()
    if alpha:
        gambar.save(keluaran, format="PNG", optimize=True)
        return ContentFile(keluaran.getvalue(), name=f"{uuid.uuid4().hex}.png")
    gambar.save(keluaran, format="JPEG", quality=80, optimize=True, progressive=True)
    return ContentFile(keluaran.getvalue(), name=f"{uuid.uuid4().hex}.jpg")

"""Media storage with one key prefix per village.

Every file a village uploads lives under ``<schema_name>/`` (control-plane files
under ``public/``): on S3-compatible object storage in production, under
``MEDIA_ROOT`` in development. The prefix comes from the connection's current
schema at the moment of each call, not from the stored file name, so a name
copied from another village's database still resolves inside the current
village and can never reach another one.

The bucket is private: S3 URLs are pre-signed and expire after
``AWS_QUERYSTRING_EXPIRE`` seconds, so a leaked link does not stay valid.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import connection
from storages.backends.s3 import S3Storage


def village_prefix() -> str:
    """Key prefix of the current schema (``v_<slug>`` for a village, ``public`` otherwise)."""
    schema = getattr(connection, "schema_name", None) or "public"
    if "/" in schema or schema.startswith("."):
        raise ValueError(f"invalid schema name for storage: {schema!r}")
    return schema


class VillageS3Storage(S3Storage):
    """Private S3 storage whose ``location`` is ``<base location>/<current schema>``."""

    default_acl = None
    file_overwrite = False
    querystring_auth = True
    querystring_expire = 600
    signature_version = "s3v4"

    @property
    def location(self) -> str:
        base = getattr(self, "_base_location", "")
        return posixpath.join(base, village_prefix()) if base else village_prefix()

    @location.setter
    def location(self, value: str) -> None:
        self._base_location = (value or "").strip("/")


class VillageFileSystemStorage(FileSystemStorage):
    """Development storage: ``MEDIA_ROOT/<current schema>/``, URLs ``MEDIA_URL<schema>/``."""

    @property
    def base_location(self) -> str:
        root = self._location or str(settings.MEDIA_ROOT)
        return str(Path(root) / village_prefix())

    @property
    def location(self) -> str:
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self) -> str:
        url = self._base_url if self._base_url is not None else settings.MEDIA_URL
        return f"{url.rstrip('/')}/{village_prefix()}/"

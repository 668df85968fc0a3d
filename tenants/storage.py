"""Media storage with one key prefix per village.

Every file a village uploads lives under ``<schema_name>/`` (control-plane files
under ``public/``): on S3-compatible object storage in production, under
``MEDIA_ROOT`` in development. The prefix comes from the connection's current
schema at the moment of each call, not from the stored file name, so a name
copied from another village's database still resolves inside the current
village and can never reach another one.

The bucket is private: S3 URLs are pre-signed and expire after
``AWS_QUERYSTRING_EXPIRE`` seconds, so a leaked link does not stay valid.

Every name a storage is asked about must be canonical (``media_name_check``): both
backends normalise ``profil/../penduduk/x.jpg`` to ``penduduk/x.jpg`` on their own
(S3 before signing a URL, the filesystem before opening), so a name that says one
folder would otherwise reach, sign or serve a file of another.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage
from django.db import connection
from storages.backends.s3 import S3Storage

# Characters no stored name contains (Django's ``get_valid_filename`` keeps ``[-\w.]``):
# separators of other systems, percent-encoding left over from a URL, control characters.
_FORBIDDEN = re.compile(r"[\\%\x00-\x1f\x7f]")


def media_name_check(name: str) -> str:
    """``name`` if it is a canonical relative name, else ``SuspiciousFileOperation``.

    Canonical: ``/``-separated segments, none empty, ``.`` or ``..``, no backslash,
    ``%`` or control character. A trailing ``/`` (a folder, for ``listdir``) and the
    empty name (the village's root) are allowed. Checked on the name as given, before
    any backend normalises it."""
    body = name[:-1] if name.endswith("/") else name
    if name and (
        _FORBIDDEN.search(name) or any(segment in ("", ".", "..") for segment in body.split("/"))
    ):
        raise SuspiciousFileOperation(f"non-canonical media name refused: {name!r}")
    return name


def _checked(method: Callable[..., Any]) -> Callable[..., Any]:
    """A storage method whose first argument (the name) must be canonical."""

    @functools.wraps(method)
    def wrapper(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        return method(self, media_name_check(str(name)), *args, **kwargs)

    return wrapper


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

    # Every entry point that takes a name from outside (django-storages cleans the
    # name with ``normpath`` first, which would turn a traversal into another key).
    _open = _checked(S3Storage._open)
    exists = _checked(S3Storage.exists)
    delete = _checked(S3Storage.delete)
    size = _checked(S3Storage.size)
    listdir = _checked(S3Storage.listdir)
    get_modified_time = _checked(S3Storage.get_modified_time)
    url = _checked(S3Storage.url)


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

    def path(self, name: str) -> str:
        """The file's path, for a canonical name whose real location (symbolic links
        followed) is inside the village's folder. Every other method goes through here."""
        joined = super().path(media_name_check(str(name)))
        if not Path(joined).resolve().is_relative_to(self.location):
            raise SuspiciousFileOperation(f"media name leaves the village folder: {name!r}")
        return joined

    url = _checked(FileSystemStorage.url)

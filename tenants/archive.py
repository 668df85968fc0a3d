"""Self-contained village archives: the village's data, media files, manifest.

Format 2 (written now): ``schema.sql`` is the template SQL of the village's
migration state, ``data/<table>.copy`` the rows of each table as ``COPY`` text, read
in one snapshot by ``tenants.logical`` (no ``pg_dump``, whose cost grows with the
whole catalog); the manifest keeps a SHA-256 of every member, the columns of every
table, the sequences' positions and per-table row counts and checksums.

Format 1 (read only, archives made before): one plain ``pg_dump`` of the schema
(DDL plus one ``COPY`` block per table). Restoring replays it statement by statement:
DDL lines get the new schema name, ``COPY`` data is streamed untouched, so row
contents never pass through a text rewrite. pg_dump 18 adds ``\\restrict`` lines and
``SET transaction_timeout``, which older servers reject; meta-commands and ``SET``
lines outside data blocks are dropped.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from tenants.schema import _validate, pg_dump

FORMAT = 2
FORMATS = (1, 2)
_COPY_RE = re.compile(r"^COPY (\S+) \((.*)\) FROM stdin;$")


def pg_dump_full(schema_name: str) -> str:
    """Plain-format dump (DDL + COPY data) of one schema: the format-1 export, kept as
    the baseline ``bench/scale.py`` measures the logical export against."""
    return pg_dump(schema_name).decode()


@dataclass
class _Copy:
    header: str
    data: list[str]


def dump_segments(sql: str, *, old: str, new: str) -> Iterator[str | _Copy]:
    """Split a plain dump into SQL chunks and COPY blocks, renaming the schema in SQL only."""
    rename = re.compile(rf"\b{re.escape(old)}\b")
    chunk: list[str] = []
    lines = iter(sql.split("\n"))
    for line in lines:
        match = _COPY_RE.match(line)
        if match:
            if chunk:
                yield "\n".join(chunk)
                chunk = []
            data = []
            for row in lines:
                if row == "\\.":
                    break
                data.append(row)
            yield _Copy(header=rename.sub(new, line), data=data)
            continue
        if line.startswith(("\\", "--", "SET ")) or line.startswith("SELECT pg_catalog.set_config"):
            continue
        chunk.append(rename.sub(new, line))
    if "".join(chunk).strip():
        yield "\n".join(chunk)


def dump_replay(sql: str, *, old: str, new: str) -> None:
    """Run a plain dump into the current transaction (caller holds ``atomic``)."""
    with connection.cursor() as cur:
        for segment in dump_segments(sql, old=old, new=new):
            if isinstance(segment, _Copy):
                with cur.cursor.copy(
                    segment.header.removesuffix(";").replace(" FROM stdin", " FROM STDIN")
                ) as copy:
                    for row in segment.data:
                        copy.write(row + "\n")
            elif segment.strip():
                cur.execute(segment)


def schema_stats(schema_name: str, tables: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """Rows and a content checksum for every table of a schema (order-independent).

    Pass ``tables`` (a manifest's) where it is known: listing a schema's tables reads
    ``pg_class`` without an index, which costs more with every village."""
    from tenants.logical import tables_stats

    _validate(schema_name)
    with connection.cursor() as cur:
        if tables is None:
            cur.execute(
                "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace "
                "AND relkind = 'r' ORDER BY relname",
                [f'"{schema_name}"'],
            )
            tables = [r[0] for r in cur.fetchall()]
        return tables_stats(cur.cursor, schema_name, sorted(tables))


def _storage_prefix(schema_name: str) -> str:
    """Where a village's files live in ``default_storage`` while in its schema: the
    per-village storages add the prefix themselves, a plain storage needs it in the name."""
    from tenants.storage import VillageFileSystemStorage, VillageS3Storage

    backend = getattr(default_storage, "_wrapped", None)
    if backend is None or not hasattr(backend, "listdir"):
        default_storage._setup()
        backend = default_storage._wrapped
    if isinstance(backend, VillageFileSystemStorage | VillageS3Storage):
        return ""
    return f"{schema_name}/"


def media_walk(prefix: str) -> Iterator[str]:
    """Every file name under ``prefix`` in ``default_storage`` (call inside the village)."""
    try:
        dirs, files = default_storage.listdir(prefix or "")
    except FileNotFoundError:
        return
    for name in files:
        yield f"{prefix}{name}"
    for d in dirs:
        yield from media_walk(f"{prefix}{d}/")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive_write(
    *, out: Path, manifest: dict[str, Any], files: dict[str, bytes], schema_name: str
) -> dict[str, Any]:
    """Write ``manifest.json``, the dump's ``files`` and ``media/…`` into a tar.gz
    (atomically); the manifest gets every file's SHA-256 and one digest over them."""
    from tenants.logical import files_digest

    prefix = _storage_prefix(schema_name)
    manifest["files"] = {name: sha256(data) for name, data in files.items()}
    manifest["dump_sha256"] = files_digest(manifest["files"])
    media: dict[str, str] = {}
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    try:
        with tarfile.open(tmp, "w:gz") as tar:
            for name, data in files.items():
                _add(tar, name, data)
            for name in media_walk(prefix):
                with default_storage.open(name, "rb") as fh:
                    data = fh.read()
                rel = name[len(prefix) :]
                media[rel] = sha256(data)
                _add(tar, f"media/{rel}", data)
            manifest["media"] = media
            _add(tar, "manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode())
    except BaseException:
        tmp.unlink(missing_ok=True)  # half an archive of personal data is still personal data
        raise
    tmp.replace(out)
    return manifest


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def archive_read(path: Path) -> tuple[dict[str, Any], dict[str, bytes], dict[str, bytes]]:
    """Manifest, dump files (``schema.sql``, ``data/…``) and media files of an archive;
    checks every checksum the manifest holds."""
    media: dict[str, bytes] = {}
    manifest: dict[str, Any] | None = None
    files: dict[str, bytes] = {}
    with tarfile.open(path, "r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            pure = PurePosixPath(member.name)
            if pure.is_absolute() or ".." in pure.parts:
                raise ValueError(f"unsafe path in archive: {member.name}")
            data = tar.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "manifest.json":
                manifest = json.loads(data)
            elif member.name == "schema.sql" or member.name.startswith("data/"):
                files[member.name] = data
            elif member.name.startswith("media/"):
                media[member.name.removeprefix("media/")] = data
    if manifest is None or manifest.get("format") not in FORMATS:
        raise ValueError("not a Balai village archive")
    if manifest["format"] == 1:
        if sha256(files.get("schema.sql", b"")) != manifest["dump_sha256"]:
            raise ValueError("schema dump checksum mismatch")
    else:
        expected = manifest.get("files", {})
        if set(files) != set(expected):
            raise ValueError("archive members differ from the manifest (checksum list)")
        for name, data in files.items():
            if expected[name] != sha256(data):
                raise ValueError(f"dump checksum mismatch: {name}")
    for name, data in media.items():
        if manifest["media"].get(name) != sha256(data):
            raise ValueError(f"media checksum mismatch: {name}")
    return manifest, files, media


def archive_replay(*, manifest: dict[str, Any], files: dict[str, bytes], new_schema: str) -> None:
    """Recreate the archived village as ``new_schema`` in the current transaction."""
    if manifest["format"] == 1:
        dump_replay(files["schema.sql"].decode(), old=manifest["schema_name"], new=new_schema)
        return
    from tenants.logical import village_load

    village_load(
        files=files,
        columns=manifest["columns"],
        sequences=manifest["sequences"],
        new_schema=new_schema,
    )


def media_restore(*, files: dict[str, bytes], schema_name: str) -> None:
    """Write media files into the current village's storage (call inside the village)."""
    prefix = _storage_prefix(schema_name)
    for rel, data in files.items():
        name = f"{prefix}{rel}"
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:
            raise RuntimeError(f"media name changed on restore: {name} → {saved}")


def media_delete(*, schema_name: str) -> int:
    """Remove every media file of the current village (call inside the village)."""
    prefix = _storage_prefix(schema_name)
    names = list(media_walk(prefix))
    for name in names:
        default_storage.delete(name)
    return len(names)

"""Backup/restore drill: prove that exports restore to identical data, and that the
whole-cluster backup is archiving.

For each picked village: export it (the same archive operators download), replay the
dump into a scratch schema, compare row counts and checksums per table with the
village's live schema and the archive's manifest, then drop the scratch schema. Nothing
in the village changes; the scratch schema never has a Village row, so it is never routed.
"""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import connection, transaction

from tenants import archive, schema
from tenants.choices import ROUTABLE_STATUSES
from tenants.models import Village


@dataclass
class DrillResult:
    slug: str
    tables: int = 0
    identical: bool = False
    differing: list[str] = field(default_factory=list)
    error: str = ""


def village_drill(*, village: Village, archive_path: Path | None = None) -> DrillResult:
    """Drill one village: a fresh export, or ``archive_path`` — an existing backup of
    it, so a stored backup can be proven restorable before the day it is needed."""
    from tenants.services import village_export

    result = DrillResult(slug=village.slug)
    scratch = f"drill_{secrets.token_hex(6)}"
    try:
        with tempfile.TemporaryDirectory(prefix="balai-drill-") as tmp:
            path = archive_path or village_export(
                village=village, out=Path(tmp) / "drill.tar.gz", actor="restore-drill"
            )
            manifest, files, _media = archive.archive_read(path)
            if manifest["schema_name"] != village.schema_name:
                raise ValueError("archive belongs to another village")
        connection.set_schema_to_public()
        tables = list(manifest["tables"])
        live = archive.schema_stats(village.schema_name, tables)
        with transaction.atomic():
            archive.archive_replay(manifest=manifest, files=files, new_schema=scratch)
        restored = archive.schema_stats(scratch, tables)
        result.tables = len(restored)
        result.differing = sorted(
            t
            for t in set(restored) | set(manifest["tables"])
            if restored.get(t) != manifest["tables"].get(t) or restored.get(t) != live.get(t)
        )
        result.identical = not result.differing
    except Exception as exc:  # noqa: BLE001 - a drill reports, it does not stop
        result.error = f"{type(exc).__name__}: {exc}"
    finally:
        connection.set_schema_to_public()
        schema.schema_drop(scratch)
    return result


def cluster_backup_check() -> dict:
    """Is PostgreSQL archiving WAL for the whole-cluster backup (pgBackRest, WAL-G or
    CloudNativePG's Barman)? Read from the server itself: ``archive_mode``, the last WAL
    archived and how long ago, and whether the last attempt failed. ``ok`` demands a
    WAL archived within ``CLUSTER_BACKUP_MAX_AGE_SECONDS`` and no failure since; it is
    required for the drill to pass where ``CLUSTER_BACKUP_REQUIRED`` (production)."""
    from django.conf import settings

    with connection.cursor() as cur:
        cur.execute(
            "SELECT current_setting('archive_mode'), last_archived_wal, "
            "extract(epoch FROM now() - last_archived_time), failed_count, "
            "coalesce(last_failed_time > last_archived_time, failed_count > 0) "
            "FROM pg_stat_archiver"
        )
        mode, wal, age, failed, failing = cur.fetchone()
    ok = (
        mode in ("on", "always")
        and wal is not None
        and age is not None
        and age <= settings.CLUSTER_BACKUP_MAX_AGE_SECONDS
        and not failing
    )
    return {
        "archive_mode": mode,
        "last_archived_wal": wal,
        "last_archived_age_s": round(float(age), 1) if age is not None else None,
        "failed_count": failed,
        "failing": bool(failing),
        "ok": ok,
        "required": settings.CLUSTER_BACKUP_REQUIRED,
    }


def restore_drill(
    *, slugs: list[str] | None = None, sample: int = 3, archive_path: Path | None = None
) -> dict:
    """Drill the given villages (or a random sample of served ones) and report. With
    ``archive_path``, drill that stored backup of the one village named in ``slugs``."""
    qs = Village.objects.filter(status__in=ROUTABLE_STATUSES)
    villages = list(qs.filter(slug__in=slugs)) if slugs else list(qs.order_by("?")[:sample])
    if archive_path is not None and len(villages) != 1:
        raise ValueError("an archive is drilled for exactly one village (--village)")
    results = [village_drill(village=v, archive_path=archive_path) for v in villages]
    ok = sum(r.identical for r in results)
    cluster = cluster_backup_check()
    return {
        "ok": bool(results) and ok == len(results) and (cluster["ok"] or not cluster["required"]),
        "cluster_backup": cluster,
        "villages": len(results),
        "identical": ok,
        "identical_percent": round(100 * ok / len(results), 1) if results else 0.0,
        "results": [asdict(r) for r in results],
    }

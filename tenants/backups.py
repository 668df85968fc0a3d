"""Per-village backups on object storage, with daily, weekly and monthly retention.

A backup is one export archive of one village (``manage.py villages export``).
It is stored as ``<slug>/daily/<slug>-<UTC timestamp><ext>`` in the ``backups``
storage (on S3 the storage's location adds ``backups/``, so keys read
``backups/<slug>/daily/…``). The first backup of an ISO week is also kept as the
weekly one, the first of a calendar month as the monthly one; older copies beyond
``BACKUP_KEEP_DAILY`` / ``_WEEKLY`` / ``_MONTHLY`` are pruned. Promotion looks at
what is already stored rather than at the weekday, so a missed night (worker down
on a Sunday) still yields one weekly backup for that week.

Keys carry the village slug only: a restore drill or a village's deletion can find
or remove all of one village's backups by prefix, and nothing mixes villages.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages

from tenants.models import Village

log = logging.getLogger(__name__)

KINDS = ("daily", "weekly", "monthly")
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME_RE = re.compile(r"^(?P<slug>[a-z0-9-]+)-(?P<stamp>\d{8}T\d{6}Z)(?P<ext>\.[A-Za-z0-9.]+)?$")


@dataclass(frozen=True)
class RetentionPolicy:
    """How many backups of each kind are kept per village."""

    daily: int = 7
    weekly: int = 5
    monthly: int = 12

    @classmethod
    def from_settings(cls) -> RetentionPolicy:
        return cls(
            daily=settings.BACKUP_KEEP_DAILY,
            weekly=settings.BACKUP_KEEP_WEEKLY,
            monthly=settings.BACKUP_KEEP_MONTHLY,
        )

    def keep(self, kind: str) -> int:
        return getattr(self, kind)


def _stamp_of(name: str) -> datetime | None:
    match = _NAME_RE.match(name)
    if match is None:
        return None
    return datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)


def backup_list(*, village_slug: str, kind: str, storage: Storage | None = None) -> list[str]:
    """Stored backup keys of one village and kind, oldest first."""
    storage = storage or storages["backups"]
    directory = f"{village_slug}/{kind}"
    try:
        _, files = storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = sorted(f for f in files if _stamp_of(f) is not None)
    return [f"{directory}/{f}" for f in names]


def _same_period(kind: str, a: datetime, b: datetime) -> bool:
    if kind == "weekly":
        return a.isocalendar()[:2] == b.isocalendar()[:2]
    if kind == "monthly":
        return (a.year, a.month) == (b.year, b.month)
    return False


def backup_store(
    *,
    archive: Path,
    village: Village,
    now: datetime | None = None,
    storage: Storage | None = None,
    policy: RetentionPolicy | None = None,
) -> list[str]:
    """Upload one export archive of ``village`` and prune old copies; return the keys written.

    Always writes a daily copy; a weekly (monthly) copy when none is stored yet for
    the current ISO week (month). Pruning only ever deletes keys under this
    village's own prefix. Needs no village schema context: it touches storage only.
    """
    storage = storage or storages["backups"]
    policy = policy or RetentionPolicy.from_settings()
    now = (now or datetime.now(UTC)).astimezone(UTC)
    suffix = "".join(archive.suffixes) or ".tar.gz"
    filename = f"{village.slug}-{now.strftime(_STAMP)}{suffix}"

    written = []
    for kind in KINDS:
        existing = backup_list(village_slug=village.slug, kind=kind, storage=storage)
        if kind != "daily" and any(
            _same_period(kind, stamp, now)
            for stamp in (_stamp_of(k.rsplit("/", 1)[1]) for k in existing)
            if stamp is not None
        ):
            continue
        key = f"{village.slug}/{kind}/{filename}"
        with archive.open("rb") as handle:
            written.append(storage.save(key, File(handle, name=filename)))
    for kind in KINDS:
        backup_prune(village_slug=village.slug, kind=kind, keep=policy.keep(kind), storage=storage)
    log.info("backup stored", extra={"keys": written})
    return written


def backup_prune(
    *, village_slug: str, kind: str, keep: int, storage: Storage | None = None
) -> list[str]:
    """Delete all but the newest ``keep`` backups of one village and kind; return deleted keys."""
    storage = storage or storages["backups"]
    keys = backup_list(village_slug=village_slug, kind=kind, storage=storage)
    doomed = keys[: max(len(keys) - keep, 0)]
    for key in doomed:
        storage.delete(key)
    return doomed

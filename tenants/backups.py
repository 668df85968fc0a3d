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
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import transaction

from balai_kernel.actor import Actor
from tenants.choices import BackupStatus, BackupTrigger, LifecycleAction
from tenants.models import Village, VillageBackup

log = logging.getLogger(__name__)

KINDS = ("daily", "weekly", "monthly")
_STAMP = "%Y%m%dT%H%M%SZ"
_NIK_RE = re.compile(r"\d{16}")  # a NIK or KK number never reaches the error shown
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
    """Delete all but the newest ``keep`` backups of one village and kind; return deleted
    keys. Their ``VillageBackup`` rows forget them (a row goes with its last key)."""
    storage = storage or storages["backups"]
    keys = backup_list(village_slug=village_slug, kind=kind, storage=storage)
    doomed = keys[: max(len(keys) - keep, 0)]
    for key in doomed:
        storage.delete(key)
    if doomed:
        _backup_keys_forget(village_slug=village_slug, keys=set(doomed))
    return doomed


def _backup_keys_forget(*, village_slug: str, keys: set[str]) -> None:
    """Drop pruned ``keys`` from the village's backup rows (a few dozen rows at most)."""
    for row in VillageBackup.objects.filter(
        village_slug=village_slug, status=BackupStatus.SUCCEEDED
    ):
        left = [k for k in row.keys if k not in keys]
        if left == row.keys:
            continue
        if left:
            VillageBackup.objects.filter(pk=row.pk).update(keys=left)
        else:
            row.delete()


# --- requests and runs (the console's "back up now", the nightly schedule) ---------------


def village_backup_request(*, village: Village, actor: Actor) -> VillageBackup:
    """Ask the worker for a backup of ``village`` now; the row shows it queued at once and
    the job is deferred when the current transaction commits. Audited."""
    from tenants.services import lifecycle_event_record
    from tenants.tasks import village_backup_task

    with transaction.atomic():
        backup = VillageBackup.objects.create(
            village=village,
            village_slug=village.slug,
            trigger=BackupTrigger.MANUAL,
            requested_by=str(actor),
        )
        lifecycle_event_record(
            village=village, action=LifecycleAction.BACKUP_REQUESTED, actor=actor
        )
        transaction.on_commit(
            lambda: village_backup_task.defer(village_id=village.pk, backup_id=backup.pk)
        )
    return backup


def village_backups_request(*, actor: Actor) -> bool:
    """Back up every served village now: one scheduling job is queued, and it fans out
    one backup job per village in the worker (never in the request). ``False`` when the
    scheduling job is already waiting in the queue."""
    from procrastinate.exceptions import AlreadyEnqueued

    from tenants.tasks import village_backups_schedule

    try:
        with transaction.atomic():  # a savepoint: the refused insert breaks nothing around
            village_backups_schedule.defer(timestamp=int(datetime.now(UTC).timestamp()))
    except AlreadyEnqueued:
        return False
    log.info("backups of every village requested", extra={"actor": str(actor)})
    return True


def village_backup_run(
    *, village: Village, backup_id: int | None = None, now: datetime | None = None
) -> VillageBackup:
    """Export ``village``, store the archive with retention and record the outcome on
    its row (made here for a job queued without one). A failure is recorded — its type
    and message, which name no person — and raised again so the job is retried."""
    backup = VillageBackup.objects.filter(pk=backup_id).first() if backup_id else None
    if backup is None:
        backup = VillageBackup.objects.create(village=village, village_slug=village.slug)
    VillageBackup.objects.filter(pk=backup.pk).update(
        status=BackupStatus.RUNNING, started_at=datetime.now(UTC), error=""
    )
    try:
        with tempfile.TemporaryDirectory(prefix="balai-backup-") as tmp:
            from tenants.services import village_export

            archive = village_export(
                village=village, out=Path(tmp) / f"{village.slug}.tar.gz", actor="backup"
            )
            size = archive.stat().st_size
            keys = backup_store(archive=archive, village=village, now=now)
    except Exception as exc:
        VillageBackup.objects.filter(pk=backup.pk).update(
            status=BackupStatus.FAILED,
            error=_NIK_RE.sub("[disembunyikan]", f"{type(exc).__name__}: {exc}")[:2000],
            finished_at=datetime.now(UTC),
        )
        raise
    VillageBackup.objects.filter(pk=backup.pk).update(
        status=BackupStatus.SUCCEEDED, keys=keys, size_bytes=size, finished_at=datetime.now(UTC)
    )
    backup.refresh_from_db()
    return backup

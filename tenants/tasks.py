"""Scheduled per-village backups, run by the worker's periodic scheduler (no CronJobs).

Every night one scheduling job fans out one backup job per served village; each
backup job takes the village id, exports that village alone and stores the
archive with retention (``tenants.backups``). One village's failure is retried on
its own and never stops the others.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from django.conf import settings
from procrastinate.contrib.django import app

from tenants.backups import backup_store
from tenants.choices import ROUTABLE_STATUSES
from tenants.context import set_village_context
from tenants.models import Domain, Village

log = logging.getLogger(__name__)


def village_export_archive(*, village: Village, directory: Path) -> Path:
    """Write one export archive of ``village`` into ``directory`` (``villages export``)."""
    from tenants.services import village_export

    return village_export(village=village, out=directory / f"{village.slug}.tar.gz", actor="backup")


@app.task(queue="backups", retry=2)
def village_backup_task(village_id: int) -> list[str]:
    village = Village.objects.get(pk=village_id)
    set_village_context(village.slug)
    with tempfile.TemporaryDirectory(prefix="balai-backup-") as tmp:
        archive = village_export_archive(village=village, directory=Path(tmp))
        return backup_store(archive=archive, village=village)


@app.periodic(cron=settings.BACKUP_CRON, periodic_id="village-backups")
@app.task(queue="backups", queueing_lock="village-backups-schedule")
def village_backups_schedule(timestamp: int) -> int:
    """Defer one backup job per served village; returns how many were deferred."""
    ids = list(
        Village.objects.filter(status__in=ROUTABLE_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if ids:
        village_backup_task.batch_defer(*({"village_id": pk} for pk in ids))
    log.info("backups scheduled", extra={"count": len(ids)})
    return len(ids)


@app.periodic(cron="30 3 * * 0", periodic_id="restore-drill")
@app.task(queue="backups", queueing_lock="restore-drill")
def restore_drill_task(timestamp: int) -> dict:
    """Weekly: restore a sample of villages into scratch schemas and compare."""
    from tenants.drill import restore_drill

    report = restore_drill(sample=3)
    log.info("restore drill", extra={"identical_percent": report["identical_percent"]})
    return report


@app.periodic(cron="*/2 * * * *", periodic_id="jobs-stalled-recover")
@app.task(queue="default", queueing_lock="jobs-stalled-recover")
def jobs_stalled_recover_task(timestamp: int) -> int:
    """Every two minutes: put jobs of dead workers back in the queue (``tenants.jobs``)."""
    from tenants.jobs import jobs_stalled_recover

    return len(jobs_stalled_recover())


@app.periodic(cron="15 4 * * *", periodic_id="jobs-prune")
@app.task(queue="default", queueing_lock="jobs-prune")
def jobs_prune_task(timestamp: int) -> int:
    """Nightly: delete finished jobs past their retention (``tenants.jobs.jobs_prune``)."""
    from tenants.jobs import jobs_prune

    return jobs_prune()


@app.task(queue="default", retry=1)
def village_domain_check_task(domain_id: int) -> str:
    """One ownership check of one custom domain (``village_domain_check``)."""
    from tenants.services import DOMAIN_CHECK_ACTOR, village_domain_check

    domain = Domain.objects.filter(pk=domain_id).first()
    if domain is None:
        return "removed"
    return village_domain_check(domain=domain, actor=DOMAIN_CHECK_ACTOR).status


@app.periodic(cron="*/10 * * * *", periodic_id="domains-check")
@app.task(queue="default", queueing_lock="domains-check")
def village_domains_check_schedule(timestamp: int) -> int:
    """Every ten minutes: one check job per pending domain (so a published record is
    found without anyone pressing the button, and an unproven one expires), and a
    daily one per verified domain (its page shows whether the record is still there).
    Returns how many were deferred."""
    from tenants.selectors import domains_due_for_check

    ids = list(domains_due_for_check().values_list("pk", flat=True))
    if ids:
        village_domain_check_task.batch_defer(*({"domain_id": pk} for pk in ids))
    log.info("domain checks scheduled", extra={"count": len(ids)})
    return len(ids)

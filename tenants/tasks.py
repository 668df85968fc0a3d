"""Scheduled per-village backups, run by the worker's periodic scheduler (no CronJobs).

Every night one scheduling job fans out one backup job per served village; each
backup job takes the village id, exports that village alone and stores the
archive with retention (``tenants.backups``). One village's failure is retried on
its own and never stops the others.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from procrastinate.contrib.django import app

from tenants.backups import village_backup_run
from tenants.choices import ROUTABLE_STATUSES
from tenants.context import set_village_context
from tenants.models import Domain, Village, VillageBackup

log = logging.getLogger(__name__)


@app.task(queue="backups", retry=2)
def village_backup_task(village_id: int, backup_id: int | None = None) -> list[str]:
    """One village's backup (``tenants.backups.village_backup_run``); returns the keys
    written. ``backup_id`` is the row the request made (older jobs have none)."""
    village = Village.objects.get(pk=village_id)
    set_village_context(village.slug)
    return village_backup_run(village=village, backup_id=backup_id).keys


@app.periodic(cron=settings.BACKUP_CRON, periodic_id="village-backups")
@app.task(queue="backups", queueing_lock="village-backups-schedule")
def village_backups_schedule(timestamp: int) -> int:
    """Defer one backup job per served village, each with its row queued in the same
    transaction; returns how many were deferred."""
    villages = list(
        Village.objects.filter(status__in=ROUTABLE_STATUSES)
        .order_by("pk")
        .values_list("pk", "slug")
    )
    with transaction.atomic():
        rows = VillageBackup.objects.bulk_create(
            VillageBackup(village_id=pk, village_slug=slug) for pk, slug in villages
        )
        if rows:
            village_backup_task.batch_defer(
                *({"village_id": row.village_id, "backup_id": row.pk} for row in rows)
            )
    log.info("backups scheduled", extra={"count": len(rows)})
    return len(rows)


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

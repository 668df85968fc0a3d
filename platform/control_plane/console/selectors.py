"""Reads of the operations console: background jobs (procrastinate's tables, public
schema) and a village's backups. Every read is a bounded query over recorded rows;
nothing here opens a village schema or lists the storage."""

from __future__ import annotations

from django.db import models
from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _
from procrastinate.contrib.django.models import ProcrastinateJob

from tenants.models import Village, VillageBackup


class JobState(models.TextChoices):
    """The procrastinate job statuses the console shows (finished jobs are history)."""

    TODO = "todo", _("Dalam antrean")
    DOING = "doing", _("Berjalan")
    FAILED = "failed", _("Gagal")


# What each task of the project does, for people (a test holds this list to the tasks the
# worker registers; procrastinate's own built-ins are not ours and keep their code name).
TASK_LABELS = {
    "tenants.tasks.village_backup_task": _("Cadangan desa"),
    "tenants.tasks.village_backups_schedule": _("Jadwal cadangan semua desa"),
    "tenants.tasks.restore_drill_task": _("Uji pemulihan"),
    "tenants.tasks.jobs_stalled_recover_task": _("Pemulihan pekerjaan terhenti"),
    "tenants.tasks.jobs_prune_task": _("Pembersihan pekerjaan lama"),
    "tenants.tasks.village_domain_check_task": _("Pemeriksaan domain khusus"),
    "tenants.tasks.village_domains_check_schedule": _("Jadwal pemeriksaan domain"),
    "control_plane.onboarding.tasks.village_provision_task": _("Penyiapan desa"),
    "control_plane.onboarding.tasks.schema_pool_fill_task": _("Pengisian kolam skema"),
    "control_plane.onboarding.tasks.proof_hold_clear_task": _(
        "Pembersihan bukti pendaftaran tak terkirim"
    ),
    "control_plane.console.tasks.village_export_task": _("Ekspor desa"),
    "control_plane.fleet.tasks.fleet_upgrade_task": _("Pemutakhiran armada desa"),
    "control_plane.billing.tasks.billing_dunning_task": _("Penagihan tunggakan"),
    "control_plane.billing.tasks.billing_reconcile_task": _("Rekonsiliasi penagihan"),
    "control_plane.dashboards.tasks.snapshot_publish_task": _("Publikasi statistik desa"),
    "control_plane.dashboards.tasks.suppression_refresh_task": _("Pembaruan sensor statistik"),
    "control_plane.dashboards.tasks.snapshot_nightly_task": _("Statistik malam"),
    "village_apps.opensid_import.tasks.opensid_import_task": _("Impor OpenSID"),
    "village_apps.penduduk.tasks.penduduk_impor_task": _("Impor penduduk (Excel)"),
}


def job_list(*, status: str = "", village: Village | None = None) -> QuerySet[ProcrastinateJob]:
    """Queued, running and failed jobs (or one of these statuses), newest first, each
    with the time of its last event; ``village``: only jobs whose arguments name it
    (every per-village task takes ``village_id``)."""
    statuses = [status] if status in JobState.values else JobState.values
    qs = ProcrastinateJob.objects.filter(status__in=statuses)
    if village is not None:
        qs = qs.filter(args__village_id=village.pk)
    return qs.annotate(last_event_at=Max("procrastinateevent__at")).order_by("-id")


def job_rows_build(jobs: list[ProcrastinateJob]) -> list[dict]:
    """One page of jobs as the page shows them: label, village (one query for the page)."""
    ids = {j.args.get("village_id") for j in jobs if isinstance(j.args, dict)}
    slugs = dict(
        Village.objects.filter(pk__in=[i for i in ids if isinstance(i, int)]).values_list(
            "pk", "slug"
        )
    )
    return [
        {
            "job": job,
            "label": TASK_LABELS.get(job.task_name, job.task_name),
            "state": JobState(job.status).label,
            "village": slugs.get(job.args.get("village_id"))
            if isinstance(job.args, dict)
            else None,
        }
        for job in jobs
    ]


def job_counts_get(*, village: Village | None = None) -> dict[str, int]:
    """How many jobs are queued, running and failed (of ``village``, or all)."""
    qs = ProcrastinateJob.objects.filter(status__in=JobState.values)
    if village is not None:
        qs = qs.filter(args__village_id=village.pk)
    counts = dict(
        qs.values_list("status").annotate(n=models.Count("id")).values_list("status", "n")
    )
    return {state: counts.get(state, 0) for state in JobState.values}


def village_backup_list(*, village: Village | None = None, status: str = "") -> QuerySet:
    """Backups, newest first (of one village, or of the whole fleet)."""
    qs = VillageBackup.objects.all()
    if village is not None:
        qs = qs.filter(village=village)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")

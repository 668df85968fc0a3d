"""Operations console writes: village exports (made by the worker, never in the
request), set-password links for a village's admins, and retrying failed jobs.

A village's archive (schema dump + media) takes seconds to minutes and a gigabyte of
disk for a large village: inside a web request it held a gunicorn worker, hit the
ingress timeout and left a partial file on the pod when the client went away. So the
console only queues the job (``village_export_request``); the worker writes the archive
to the ``backups`` storage under ``<slug>/exports/`` (``village_export_store``), and the
console lists and streams the stored archives. The last ``EXPORT_KEEP`` stay.
"""

from __future__ import annotations

import logging
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.mail import mail_on_commit
from tenants.backups import backup_list, backup_prune
from tenants.choices import LifecycleAction
from tenants.context import village_context
from tenants.models import Village
from tenants.services import LifecycleError, lifecycle_event_record, village_export
from village_apps.contracts import Accounts, VillageAccount, facade_get

log = logging.getLogger(__name__)

EXPORT_KIND = "exports"
EXPORT_KEEP = 3


def village_export_request(*, village: Village, actor: Actor) -> None:
    """Queue an export of ``village`` after the current transaction commits."""
    from control_plane.console.tasks import village_export_task

    transaction.on_commit(
        lambda: village_export_task.defer(village_id=village.pk, actor=str(actor))
    )


def village_export_store(*, village: Village, actor: Actor) -> str:
    """Export ``village`` (``tenants.services.village_export``, which writes the audit
    row) into the ``backups`` storage; returns the key. Runs in the worker. The local
    copy lives in a temporary folder that is removed whatever happens."""
    storage = storages["backups"]
    filename = f"{village.slug}-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="balai-export-") as tmp:
        path = village_export(village=village, out=Path(tmp) / filename, actor=actor)
        with path.open("rb") as handle:
            key = storage.save(
                f"{village.slug}/{EXPORT_KIND}/{filename}", File(handle, name=filename)
            )
    backup_prune(village_slug=village.slug, kind=EXPORT_KIND, keep=EXPORT_KEEP, storage=storage)
    return key


def village_export_list(*, village: Village) -> list[str]:
    """File names of the village's stored exports, newest first."""
    keys = backup_list(village_slug=village.slug, kind=EXPORT_KIND)
    return [key.rsplit("/", 1)[1] for key in reversed(keys)]


# --- a village admin's password ------------------------------------------------------


def village_admin_list(*, village: Village) -> list[VillageAccount]:
    """The village's admin accounts (read in its schema, through the akun facade)."""
    with village_context(village):
        return facade_get("akun", Accounts).village_admin_list()


def village_admin_password_link_issue(
    *, village: Village, username: str, actor: Actor
) -> VillageAccount:
    """E-mail a one-time set-password link to one of the village's admins, at the
    address on their account. Operations never see or choose a password, and the link
    goes nowhere else (an address typed here would hand the village to whoever owns it).
    The current password keeps working until the admin sets a new one. Audited as a
    lifecycle event naming the account, in the transaction that queues the e-mail."""
    from control_plane.provisioning.services import village_set_password_link_get

    account = next((a for a in village_admin_list(village=village) if a.username == username), None)
    if account is None:
        raise LifecycleError(_("Akun admin tidak ditemukan di desa ini."))
    if not account.email:
        raise LifecycleError(_("Akun ini tidak punya alamat e-mail; tautan tidak dapat dikirim."))
    link = village_set_password_link_get(village=village, username=account.username)
    with transaction.atomic():
        lifecycle_event_record(
            village=village,
            action=LifecycleAction.ADMIN_PASSWORD_LINK_SENT,
            actor=actor,
            account=account.username,
        )
        mail_on_commit(
            to=account.email,
            subject=_("Atur kata sandi admin %(name)s") % {"name": village.name},
            body=_(
                "Tim operasional Balai mengirim tautan untuk mengatur kata sandi akun "
                'admin "%(username)s" di %(url)s.\n\n'
                "Tautan sekali pakai ini berlaku %(days)d hari:\n%(link)s\n\n"
                "Abaikan pesan ini bila Anda tidak memintanya; kata sandi lama tetap berlaku."
            )
            % {
                "username": account.username,
                "url": village.url,
                "link": link,
                "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            },
        )
    return account


# --- background jobs -------------------------------------------------------------------


def job_retry(*, job_id: int, actor: Actor) -> None:
    """Put a failed background job back in the queue (procrastinate's own retry: same
    task, same arguments, attempts counted on). Only failed jobs: a queued or running
    one is left alone. A job of one village is recorded in that village's history."""
    from procrastinate import sql
    from procrastinate.contrib.django.models import ProcrastinateJob

    with transaction.atomic():
        job = (
            ProcrastinateJob.objects.filter(pk=job_id, status="failed")
            .values("id", "task_name", "args")
            .first()
        )
        if job is None:
            raise LifecycleError(_("Hanya pekerjaan yang gagal dapat diulang."))
        with connection.cursor() as cur:
            cur.execute(
                sql.queries["retry_job"],
                {
                    "job_id": job["id"],
                    "retry_at": timezone.now(),
                    "new_priority": None,
                    "new_queue_name": None,
                    "new_lock": None,
                },
            )
        args = job["args"] if isinstance(job["args"], dict) else {}
        village = Village.objects.filter(pk=args.get("village_id")).first() if args else None
        if village is not None:
            lifecycle_event_record(
                village=village,
                action=LifecycleAction.JOB_RETRIED,
                actor=actor,
                job=job["id"],
                task=job["task_name"],
            )
    log.info("failed job retried", extra={"job_id": job_id, "task": job["task_name"]})

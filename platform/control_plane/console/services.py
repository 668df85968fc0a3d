"""Village exports from the operations console, made by the worker, never in the request.

A village's archive (schema dump + media) takes seconds to minutes and a gigabyte of
disk for a large village: inside a web request it held a gunicorn worker, hit the
ingress timeout and left a partial file on the pod when the client went away. So the
console only queues the job (``village_export_request``); the worker writes the archive
to the ``backups`` storage under ``<slug>/exports/`` (``village_export_store``), and the
console lists and streams the stored archives. The last ``EXPORT_KEEP`` stay.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction

from balai_kernel.actor import Actor
from tenants.backups import backup_list, backup_prune
from tenants.models import Village
from tenants.services import village_export

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

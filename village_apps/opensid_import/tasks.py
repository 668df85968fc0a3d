"""Background OpenSID import. The task takes the village id and the import id and
enters the village itself (nothing crosses villages)."""

from __future__ import annotations

from procrastinate import JobContext
from procrastinate.contrib.django import app


@app.task(queue="default", retry=0, pass_context=True)
def opensid_import_task(
    context: JobContext, village_id: int, impor_id: int, bahasa: str = ""
) -> None:
    """Errors are not retried (the import records them); a run whose worker died is
    put back in the queue by ``tenants.jobs`` and counted in ``attempts``. The report
    is written in ``bahasa``, the language of the person who uploaded the backup."""
    from django.conf import settings
    from django.utils import translation

    from tenants.context import village_context
    from village_apps.opensid_import.services import impor_jalankan

    attempts = context.job.attempts if context.job else 0
    with village_context(village_id), translation.override(bahasa or settings.LANGUAGE_CODE):
        impor_jalankan(impor_id=impor_id, percobaan=attempts)

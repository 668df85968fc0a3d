"""Console jobs: village exports run in the worker (``console.services``)."""

from procrastinate.contrib.django import app

from balai_kernel.actor import Actor
from tenants.context import set_village_context
from tenants.models import Village


@app.task(queue="backups", retry=0)
def village_export_task(village_id: int, actor: str) -> str:
    """Export one village into the backups storage; returns the stored key. Not retried:
    the operator sees the failure (log, job list) and asks again."""
    from control_plane.console.services import village_export_store

    village = Village.objects.get(pk=village_id)
    set_village_context(village.slug)
    return village_export_store(village=village, actor=Actor.coerce(actor))

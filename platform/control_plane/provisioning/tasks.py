"""Background provisioning. The task takes the village id and enters contexts itself.

The task names stay those of ``control_plane.onboarding.tasks`` (where they were
defined before this app was cut out), so jobs queued by an older release still run.
"""

from procrastinate.contrib.django import app

from balai_kernel.actor import Actor
from tenants.models import Village


@app.task(
    name="control_plane.onboarding.tasks.village_provision_task",
    queue="provisioning",
    retry=2,
    lock="provision",
    queueing_lock=None,
)
def village_provision_task(village_id: int, actor: str = "worker") -> None:
    """Walk the village's provisioning steps; a retry resumes at the first unrecorded one."""
    from control_plane.provisioning.services import village_provision

    village = Village.objects.get(pk=village_id)
    village_provision(village=village, actor=Actor.coerce(actor))


@app.task(
    name="control_plane.onboarding.tasks.schema_pool_fill_task",
    queue="pool",
    queueing_lock="schema-pool-fill",
)
def schema_pool_fill_task(size: int) -> int:
    """Refill the standby schema pool after a village took one (own queue, so a refill
    never delays a provisioning job on a worker with concurrency ≥ 2)."""
    from control_plane.provisioning.services import schema_pool_fill

    return schema_pool_fill(size=size)

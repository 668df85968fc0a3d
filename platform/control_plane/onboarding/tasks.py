"""Background provisioning. The task takes the village id and enters contexts itself."""

from procrastinate.contrib.django import app

from tenants.models import Village


@app.task(queue="provisioning", retry=2, lock="provision", queueing_lock=None)
def village_provision_task(village_id: int, actor: str = "worker") -> None:
    """Walk the village's provisioning steps; a retry resumes at the first unrecorded one."""
    from control_plane.onboarding.services import village_provision

    village = Village.objects.get(pk=village_id)
    village_provision(village=village, actor=actor)

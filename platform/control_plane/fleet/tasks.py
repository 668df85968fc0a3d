"""Fleet jobs: an upgrade started from the operations console runs in the worker."""

from procrastinate.contrib.django import app

from balai_kernel.actor import Actor


@app.task(queue="fleet", retry=0, lock="fleet-upgrade")
def fleet_upgrade_task(
    kind: str, ring: str, window: str, max_failure_rate: float, actor: str
) -> int:
    """Run ``fleet_upgrade`` (public schema, template, then the villages ring by ring);
    returns the run's id. Not retried: a failed village is recorded on its run and
    retried on purpose; a worker that died mid-run is resumed by the next run."""
    from control_plane.fleet.services import fleet_upgrade

    run = fleet_upgrade(
        actor=Actor.coerce(actor),
        kind=kind,
        ring=ring,
        window=window,
        max_failure_rate=max_failure_rate,
    )
    return run.pk

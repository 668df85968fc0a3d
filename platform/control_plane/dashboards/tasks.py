"""Background jobs of the dashboards. Each takes ids/codes and enters contexts itself."""

from __future__ import annotations

from procrastinate.contrib.django import app


@app.task(queue="dashboards", retry=2)
def snapshot_publish_task(village_id: int) -> None:
    from control_plane.dashboards.services import snapshot_publish

    snapshot_publish(village_id=village_id)


@app.task(queue="dashboards", retry=2)
def suppression_refresh_task(provinsi_code: str) -> None:
    from control_plane.dashboards.services import suppression_refresh

    suppression_refresh(provinsi_code=provinsi_code)


@app.periodic(cron="30 1 * * *", periodic_id="dasbor-nightly")
@app.task(queue="dashboards", queueing_lock="dasbor-nightly")
def snapshot_nightly_task(timestamp: int) -> None:
    """Every night, every published village publishes again (fan-out here, not in a request)."""
    from control_plane.dashboards.services import village_snapshots_request

    village_snapshots_request()

"""Background OpenSID import. The task takes the village id and the import id and
enters the village itself (nothing crosses villages)."""

from __future__ import annotations

from procrastinate.contrib.django import app


@app.task(queue="default", retry=0)
def opensid_import_task(village_id: int, impor_id: int) -> None:
    from tenants.context import village_context
    from village_apps.opensid_import.services import impor_jalankan

    with village_context(village_id):
        impor_jalankan(impor_id=impor_id)

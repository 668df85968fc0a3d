"""Kill the worker in the middle of provisioning a village (SIGKILL, no cleanup).

Afterwards there is no half-made village: no schema without its recorded step, no
village marked active that is not complete, no domain; and ``manage.py jobs
recover`` (which the worker also runs by itself) lets provisioning finish — for
this village and for the ones queued behind its lock.
"""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django_tenants.utils import schema_exists

from control_plane.onboarding.choices import STEP_ORDER
from control_plane.onboarding.models import ProvisioningStep
from control_plane.provisioning.tasks import village_provision_task
from tenants import schema, services
from tenants.choices import VillageStatus
from tenants.context import village_context
from tenants.models import Domain, LifecycleEvent, Village
from tests.reliability.faults import (
    backend_gone,
    blocked_by,
    holding,
    job_status,
    kill,
    recover,
    run_worker_in_process,
    wait_until,
    worker_start,
)


def _new_village(tag: str) -> Village:
    digits = f"{uuid.uuid4().int % 10**4:04d}"
    return services.village_create(
        code=f"189901{digits}",
        name=f"Uji Mati {tag}",
        slug=f"uji-mati-{tag}",
        actor="uji",
        status=VillageStatus.PROVISIONING,
    )


def _steps_done(village: Village) -> list[str]:
    return list(
        ProvisioningStep.objects.filter(village=village, finished_at__isnull=False)
        .order_by("id")
        .values_list("name", flat=True)
    )


def assert_not_half_made(village: Village) -> None:
    """A village being provisioned is exactly what its recorded steps say."""
    connection.set_schema_to_public()
    village.refresh_from_db()
    done = _steps_done(village)
    assert done == [str(s) for s in STEP_ORDER[: len(done)]], done  # a prefix, in order
    assert "active" not in done
    assert village.status == VillageStatus.PROVISIONING  # not failed, not active
    assert village.activated_at is None
    assert not LifecycleEvent.objects.filter(village=village, action="activated").exists()
    # The schema exists exactly when its step is recorded, and only under this village.
    assert schema_exists(village.schema_name) == ("schema" in done)
    assert not Domain.objects.filter(tenant=village).exists()


def assert_complete(village: Village) -> None:
    connection.set_schema_to_public()
    village.refresh_from_db()
    assert village.status == VillageStatus.ACTIVE and village.activated_at is not None
    assert _steps_done(village) == [str(s) for s in STEP_ORDER]
    assert village.migration_fingerprint == schema.code_fingerprint()
    assert schema_exists(village.schema_name)
    assert LifecycleEvent.objects.filter(village=village, action="activated").count() == 1
    with village_context(village):
        from village_apps.profil.models import ProfilDesa

        assert ProfilDesa.objects.get().nama_desa == village.name
        assert get_user_model().objects.filter(username="admin").count() == 1
    connection.set_schema_to_public()


# Where the worker is held, and how: the lock the test takes and the statement of the
# worker's that it blocks.
POINTS = {
    # Inside the schema step: the schema is cloned (uncommitted) and the step records
    # the fingerprint on the village row, which the test holds.
    "schema": (
        "SELECT 1 FROM tenants_village WHERE id = {pk} FOR NO KEY UPDATE",
        'UPDATE "tenants_village" SET "migration_fingerprint"',
    ),
    # Inside the last step: schema and seed are committed, the village row already says
    # "active" (uncommitted) and the audit row of the activation waits for the table.
    "active": (
        "LOCK TABLE tenants_lifecycleevent IN SHARE MODE",
        'INSERT INTO "tenants_lifecycleevent"',
    ),
}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("point", sorted(POINTS))
def test_worker_killed_mid_provisioning_leaves_no_half_made_village(point, tmp_path):
    tag = uuid.uuid4().hex[:6]
    village = _new_village(tag)
    queued_behind = None
    lock_sql, blocked_sql = POINTS[point]
    log = tmp_path / "worker.log"
    try:
        with holding(lock_sql.format(pk=village.pk)) as holder:
            job_id = village_provision_task.defer(village_id=village.pk, actor="uji")
            worker = worker_start("provisioning", log)
            try:
                backend = wait_until(
                    lambda: blocked_by(holder, blocked_sql),
                    timeout=60,
                    what=f"worker blocked in the {point} step",
                    proc=worker,
                    log=log,
                )
                # Demonstrably mid-operation: the steps before this one are committed.
                before = {"schema": [], "active": ["schema", "seed", "domain"]}[point]
                assert _steps_done(village) == before
            finally:
                kill(worker)
        # Our lock is gone: the orphaned backend runs its statement, finds its client
        # dead and rolls the whole step back.
        wait_until(lambda: backend_gone(backend), timeout=30, what="killed backend gone")

        assert_not_half_made(village)
        assert job_status(job_id)[0] == "doing"  # stalled: nobody will ever finish it

        # The stalled job holds the "provision" lock: nothing else provisions until
        # recovery. A live worker takes nothing.
        queued_behind = _new_village(tag + "b")
        village_provision_task.defer(village_id=queued_behind.pk, actor="uji")
        run_worker_in_process("provisioning")
        assert_not_half_made(queued_behind)

        # Recovery: the one documented command (the worker runs it every 2 minutes).
        result = wait_until(
            lambda: recover(stalled_after=1.0)["jobs"], timeout=30, what="job seen as stalled"
        )
        assert [(j["id"], j["action"]) for j in result] == [(job_id, "retried")]
        assert job_status(job_id) == ("todo", 1)
        run_worker_in_process("provisioning")
        assert_complete(village)
        assert_complete(queued_behind)
        assert job_status(job_id)[0] == "succeeded"
        assert recover(stalled_after=1.0)["jobs"] == []
    finally:
        connection.set_schema_to_public()
        for v in (village, queued_behind):
            if v is not None:
                Village.objects.filter(pk=v.pk).delete()
                schema.schema_drop(v.schema_name)


@pytest.mark.django_db
def test_the_worker_recovers_stalled_jobs_by_itself():
    """Without anyone running the command: a periodic task of every worker does it."""
    from procrastinate.contrib.django import app

    import tenants.tasks  # noqa: F401 - the worker autodiscovers <app>.tasks the same way

    (task,) = [
        t
        for key, t in app.periodic_registry.periodic_tasks.items()
        if key[0] == "tenants.tasks.jobs_stalled_recover_task"
    ]
    assert task.cron == "*/2 * * * *"
    assert tenants.tasks.jobs_stalled_recover_task(timestamp=0) == 0  # nothing stalled

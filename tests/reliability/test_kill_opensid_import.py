"""SIGKILL of the worker in the middle of an OpenSID import.

The import writes all of a village's registers in one transaction. Killed once OpenSID's
demo village is written, before the commit, it leaves nothing of it, and its row keeps
the uploaded backup. After ``jobs recover`` the re-run takes the dead run's row over
(its lock is free) and imports the backup exactly once; an import killed on every run
ends ``gagal`` with a message for the operator.
"""

from __future__ import annotations

import uuid

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from balai_kernel.actor import Actor
from tenants import schema, services
from tenants.context import village_context
from tenants.jobs import RERUN_MAX_ATTEMPTS
from tests.reliability.faults import (
    import_job,
    job_status,
    kill_import_before_commit,
    recover_stalled,
    run_worker_in_process,
)
from tests.support.shared_files import SHARED_DIR
from tests.village_apps.opensid_import.dumps import matching_tables, opensid_sql
from village_apps.opensid_import.services import REGISTERS

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SAMPLE = SHARED_DIR / "opensid" / "contoh_data_awal_20220601.sql"


@pytest.fixture
def new_village():
    """A provisioned village of its own (the import only goes into an empty village),
    dropped afterwards; its own slug, so parallel sessions never share it."""
    from control_plane.provisioning.services import village_provision

    tag = uuid.uuid4().hex[:8]
    village = services.village_create(
        code=f"189902{uuid.uuid4().int % 10**4:04d}",
        name=f"Uji OpenSID {tag}",
        slug=f"uji-osid-{tag}",
        actor="uji",
    )
    try:
        village_provision(
            village=village, actor=Actor.named("uji"), admin_password="sandi-admin-uji-123"
        )  # noqa: S106
        village.refresh_from_db()
        yield village
    finally:
        connection.set_schema_to_public()
        from tenants.models import Village

        Village.objects.filter(pk=village.pk).delete()
        schema.schema_drop(village.schema_name)


def _counts() -> dict[str, int]:
    from village_apps.audit.models import AccessAudit

    counts = {label: apps.get_model(label).objects.count() for label in REGISTERS}
    counts["audit"] = AccessAudit.objects.filter(object_type="opensid").count()
    return counts


def _queue(village, name: str, content: bytes) -> tuple[int, int]:
    from village_apps.opensid_import.services import impor_antre

    with village_context(village):
        impor = impor_antre(berkas=SimpleUploadedFile(name, content), village_id=village.pk)
    return impor.pk, import_job("opensid_import_task", village_id=village.pk, impor_id=impor.pk)


def _import(village, impor_id: int):
    from village_apps.opensid_import.models import ImporOpenSID

    with village_context(village):
        return ImporOpenSID.objects.get(pk=impor_id)


def _stored(village, field) -> bool:
    with village_context(village):
        return field.storage.exists(field.name)


@pytest.mark.shared_files("opensid/contoh_data_awal_20220601.sql")
def test_worker_killed_mid_import_leaves_nothing_and_the_rerun_imports_once(new_village, tmp_path):
    village = new_village
    with village_context(village):
        before = _counts()
    assert before["penduduk.Penduduk"] == before["audit"] == 0
    impor_id, job_id = _queue(village, SAMPLE.name, SAMPLE.read_bytes())

    kill_import_before_commit(village, job_id, tmp_path / "worker.log", timeout=120)

    with village_context(village):
        # All or nothing: not one resident, family, group, event or audit row of it.
        assert _counts() == before
    impor = _import(village, impor_id)
    # Re-runnable: the row says it was interrupted while writing, no report claims an
    # outcome, and the backup is kept for the re-run.
    assert impor.status == "berjalan" and impor.hasil is None
    assert (impor.persen, impor.tahap) == (30, "menulis data")
    assert _stored(village, impor.berkas)
    assert job_status(job_id)[0] == "doing"

    recover_stalled(job_id)
    run_worker_in_process("default")

    done = _import(village, impor_id)
    assert done.status == "selesai", done.hasil
    assert done.persen == 100 and not done.berkas
    assert not _stored(village, impor.berkas)  # the upload is not kept
    assert done.hasil["source"] == done.hasil["balai"]
    with village_context(village):
        from village_apps.keluarga.models import Keluarga

        counts = _counts()
        heads = Keluarga.objects.filter(kepala__isnull=False).count()
    # Exactly once, not twice: the numbers of the dump (OpenSID 22.06's demo village).
    assert counts["penduduk.Penduduk"] == done.hasil["tables"]["tweb_penduduk"] == 97
    assert counts["peristiwa.LogPenduduk"] == done.hasil["tables"]["log_penduduk"]
    assert heads == done.hasil["source"]["keluarga"] == 37
    assert counts["profil.Aparatur"] == 7
    assert counts["audit"] == 1
    assert job_status(job_id)[0] == "succeeded"


def test_import_whose_worker_keeps_dying_ends_failed_with_a_message(new_village, tmp_path):
    village = new_village
    with village_context(village):
        before = _counts()
    impor_id, job_id = _queue(village, "cadangan.sql", opensid_sql(matching_tables()).encode())
    berkas = _import(village, impor_id).berkas
    for attempt in range(RERUN_MAX_ATTEMPTS - 1):
        kill_import_before_commit(village, job_id, tmp_path / f"worker-{attempt}.log")
        recover_stalled(job_id)
        assert job_status(job_id) == ("todo", attempt + 1)
        assert _import(village, impor_id).status == "berjalan"

    run_worker_in_process("default")
    impor = _import(village, impor_id)
    assert impor.status == "gagal" and impor.hasil["ok"] is False
    pesan = impor.hasil["errors"][0]
    assert "terhenti 2 kali" in pesan and "Tidak ada data yang disimpan" in pesan
    assert not impor.berkas and not _stored(village, berkas)
    with village_context(village):
        assert _counts() == before
    assert job_status(job_id)[0] == "succeeded"

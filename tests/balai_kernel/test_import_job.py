"""The import-job life cycle shared by the resident and the OpenSID imports."""

import pytest

from balai_kernel.import_job import (
    ImportState,
    ImportStateError,
    import_job_finish,
    import_job_move,
    import_job_open,
    import_job_start,
)


def test_states_are_the_stored_status_values_of_both_imports():
    from village_apps.opensid_import.models import ImporOpenSID
    from village_apps.penduduk.models import ImporPenduduk

    for model in (ImporPenduduk, ImporOpenSID):
        stored = {value for value, _label in model._meta.get_field("status").choices}
        assert stored == {s.value for s in ImportState}


def test_moves():
    assert import_job_move("menunggu", "berjalan") == ImportState.RUNNING
    assert import_job_move("berjalan", "berjalan") == ImportState.RUNNING  # take-over
    for done in ("selesai", "gagal"):
        assert not import_job_open(done)
        with pytest.raises(ImportStateError):
            import_job_move(done, "berjalan")
    with pytest.raises(ImportStateError):
        import_job_move("menunggu", "selesai")


def test_a_finished_job_is_never_reopened_nor_refinished(village):
    from tenants.context import village_context
    from village_apps.penduduk.models import ImporPenduduk

    with village_context(village):
        job = ImporPenduduk.objects.create(nama_berkas="a.xlsx")
        jobs = ImporPenduduk.objects.all()
        assert import_job_start(jobs, pk=job.pk, diproses=0)
        assert import_job_finish(jobs, pk=job.pk, ok=True, hasil={"ok": True})
        assert not import_job_start(jobs, pk=job.pk)
        assert not import_job_finish(jobs, pk=job.pk, ok=False, hasil={"ok": False})
        job.refresh_from_db()
        assert (job.status, job.hasil) == ("selesai", {"ok": True})

"""Kill the worker in the middle of a 10,000-row resident import (SIGKILL).

The import is one transaction: killed while its 10,000 residents are written but not
committed, it leaves none of them, and its row keeps the file so the job can run
again. ``manage.py jobs recover`` (the worker runs it by itself every 2 minutes) puts
the job back; the re-run imports the file exactly once. An import whose worker dies
again and again ends ``gagal`` with a message instead of running for ever.
"""

from __future__ import annotations

import pytest
from django.db import connection

from tenants.context import village_context
from tests.reliability.faults import (
    import_job,
    job_status,
    kill_import_before_commit,
    recover_stalled,
    run_worker_in_process,
)
from tests.village_apps.penduduk.conftest import berkas_10k  # noqa: F401 - session fixture
from tests.village_apps.penduduk.generate import tulis_berkas

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TABLES = (
    "peristiwa_logpenduduk, penduduk_penduduk, keluarga_keluarga, wilayah_rt, wilayah_rw,"
    " wilayah_dusun, penduduk_imporpenduduk"
)


def _counts() -> dict[str, int]:
    from village_apps.audit.models import AccessAudit
    from village_apps.keluarga.models import Keluarga
    from village_apps.penduduk.models import Penduduk
    from village_apps.peristiwa.models import LogPenduduk
    from village_apps.wilayah.models import Dusun

    return {
        "penduduk": Penduduk.objects.count(),
        "keluarga": Keluarga.objects.count(),
        "log": LogPenduduk.objects.count(),
        "dusun": Dusun.objects.count(),
        "audit": AccessAudit.objects.filter(object_type="penduduk", action="import").count(),
    }


def _queue(village, path):
    from village_apps.penduduk.services import impor_antre

    with village_context(village):
        impor = impor_antre(
            nama_berkas=path.name, isi=path.read_bytes(), perbarui=False, village_id=village.pk
        )
    return impor.pk, import_job("penduduk_impor_task", village_id=village.pk, impor_id=impor.pk)


def _import(village, impor_id: int):
    from village_apps.penduduk.models import ImporPenduduk

    with village_context(village):
        return ImporPenduduk.objects.get(pk=impor_id)


@pytest.fixture
def clean_village(village):
    """The session village emptied of registers before and after: transactional tests
    commit, and an earlier one on this worker may have left e.g. a dusun behind."""

    def empty() -> None:
        with village_context(village), connection.cursor() as cur:
            cur.execute(f"TRUNCATE {TABLES} CASCADE")
            cur.execute("DELETE FROM audit_accessaudit WHERE object_type = 'penduduk'")
        connection.set_schema_to_public()

    empty()
    yield village
    empty()


def test_worker_killed_mid_import_writes_no_resident_and_the_rerun_imports_once(
    clean_village,
    berkas_10k,  # noqa: F811 - the fixture imported above
    tmp_path,
):
    village = clean_village
    path = berkas_10k
    with village_context(village):
        assert _counts() == dict.fromkeys(("penduduk", "keluarga", "log", "dusun", "audit"), 0)
    impor_id, job_id = _queue(village, path)

    kill_import_before_commit(village, job_id, tmp_path / "worker.log")

    with village_context(village):
        # Nothing of the killed import is visible: no resident, family, event or audit row.
        assert _counts() == dict.fromkeys(("penduduk", "keluarga", "log", "dusun", "audit"), 0)
    impor = _import(village, impor_id)
    # Re-runnable: still the same job, its file kept, no report claiming an outcome.
    assert impor.status == "berjalan" and impor.hasil is None
    assert bytes(impor.isi) == path.read_bytes()
    assert job_status(job_id)[0] == "doing"

    recover_stalled(job_id)
    run_worker_in_process("default")

    impor = _import(village, impor_id)
    assert impor.status == "selesai", impor.hasil
    assert impor.diproses == 10_000 and impor.hasil["created"]["penduduk"] == 10_000
    assert bytes(impor.isi) == b""
    with village_context(village):
        counts = _counts()
    assert counts["penduduk"] == counts["log"] == 10_000  # exactly once, not twice
    assert counts["audit"] == 1
    assert job_status(job_id)[0] == "succeeded"


def test_import_whose_worker_keeps_dying_ends_failed_with_a_message(clean_village, tmp_path):
    from tenants.jobs import RERUN_MAX_ATTEMPTS as IMPOR_MAKS_PERCOBAAN

    village = clean_village
    path = tulis_berkas(tmp_path / "penduduk-kecil.xlsx", jumlah=30)
    impor_id, job_id = _queue(village, path)
    for attempt in range(IMPOR_MAKS_PERCOBAAN - 1):
        kill_import_before_commit(village, job_id, tmp_path / f"worker-{attempt}.log")
        recover_stalled(job_id)
        assert job_status(job_id) == ("todo", attempt + 1)

    run_worker_in_process("default")
    impor = _import(village, impor_id)
    assert impor.status == "gagal"
    pesan = impor.hasil["errors"][0]["pesan"]
    assert "terhenti 2 kali" in pesan and "Tidak ada data yang disimpan" in pesan
    assert bytes(impor.isi) == b""
    with village_context(village):
        assert _counts()["penduduk"] == 0
    assert job_status(job_id)[0] == "succeeded"

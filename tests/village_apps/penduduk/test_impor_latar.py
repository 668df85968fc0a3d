"""Large files import in the background worker with progress (procrastinate)."""

import pytest
from django.db import connection
from procrastinate.contrib.django import app

from tenants.context import village_context
from tests.village_apps.penduduk.generate import tulis_berkas
from village_apps.penduduk.models import ImporPenduduk, Penduduk

TABLES = "peristiwa_logpenduduk, penduduk_penduduk, keluarga_keluarga, wilayah_rt, wilayah_rw, wilayah_dusun, penduduk_imporpenduduk"


@pytest.mark.django_db(transaction=True)
def test_queued_import_runs_in_the_worker_and_records_the_report(village, tmp_path):
    from village_apps.penduduk.services import impor_antre

    path = tulis_berkas(tmp_path / "besar.xlsx", jumlah=1500)
    try:
        with village_context(village):
            job = impor_antre(
                nama_berkas=path.name, isi=path.read_bytes(), perbarui=False, village_id=village.pk
            )
        connection.set_schema_to_public()
        with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
            worker_app.run_worker(
                queues=["default"], wait=False, install_signal_handlers=False, listen_notify=False
            )
        with village_context(village):
            job = ImporPenduduk.objects.get(pk=job.pk)
            assert job.status == "selesai", job.hasil
            assert job.diproses == 1500 and job.hasil["created"]["penduduk"] == 1500
            assert bytes(job.isi) == b""  # the file is not kept
            assert Penduduk.objects.count() == 1500
    finally:
        with village_context(village), connection.cursor() as cur:
            cur.execute(f"TRUNCATE {TABLES} CASCADE")
            cur.execute("DELETE FROM audit_accessaudit WHERE object_type = 'penduduk'")

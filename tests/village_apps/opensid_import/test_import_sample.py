"""Acceptance 1: OpenSID's demo database imports into an empty village and verifies."""

from pathlib import Path

import pytest

from tenants.context import village_context
from village_apps.opensid_import.services import opensid_import

SAMPLE = (
    Path(__file__).resolve().parents[4] / "shared" / "opensid" / "contoh_data_awal_20220601.sql"
)

pytestmark = pytest.mark.django_db


def test_sample_dump_imports_and_verifies(village_b):
    with village_context(village_b):
        from village_apps.penduduk.models import Penduduk

        assert not Penduduk.objects.exists()  # the session village starts empty
    laporan = opensid_import(village=village_b, dump_path=SAMPLE, accept_differences=False)
    assert laporan.errors == [], laporan.errors
    assert laporan.ok
    # OpenSID's dashboard of the 22.06 demo: 97 residents, 37 KK, 1 household, 6 dusun.
    assert laporan.source == laporan.balai
    assert laporan.source["penduduk"] == 97
    assert laporan.tables["tweb_penduduk"] == 97
    assert "tweb_penduduk.waktu_lahir" in laporan.unmapped
    with village_context(village_b):
        from village_apps.keluarga.models import Keluarga
        from village_apps.peristiwa.models import LogPenduduk

        assert Penduduk.objects.count() == 97
        assert Keluarga.objects.filter(kepala__isnull=False).count() == 37
        assert LogPenduduk.objects.count() == laporan.tables["log_penduduk"]

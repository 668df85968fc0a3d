"""Village assets: state derived from append-only mutations; finished projects offered."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.context import village_context
from village_apps.audit.models import AccessAudit
from village_apps.inventaris import selectors, services
from village_apps.inventaris.models import MutasiAset
from village_apps.pembangunan.services import proyek_save


def _aset(village, **kw):
    data = {"kategori": "B", "nama": "Laptop kantor", "sumber": "apbdes",
            "tanggal_perolehan": dt.date(2024, 3, 1), "nilai_perolehan": 9_000_000}  # fmt: skip
    with village_context(village):
        return services.aset_save(**{**data, **kw})


def test_state_is_derived_from_mutations_and_past_years_do_not_change(village):
    aset = _aset(village)
    with village_context(village):
        services.mutasi_aset_add(
            aset=aset, jenis="kondisi", tanggal=dt.date(2025, 6, 1), kondisi_baru="rusak_berat"
        )
        services.mutasi_aset_add(
            aset=aset, jenis="jual", tanggal=dt.date(2026, 2, 1), nilai=Decimal(500_000), pihak="X"
        )
        aset.refresh_from_db()
        assert aset.kondisi_awal == "baik"  # never overwritten
        assert aset.keadaan(dt.date(2025, 1, 1)).kondisi == "baik"
        assert aset.keadaan().keluar.jenis == "jual"
        b2024 = selectors.inventaris_baris_list(tahun=2024)
        b2025 = selectors.inventaris_baris_list(tahun=2025)
        b2026 = selectors.inventaris_baris_list(tahun=2026)
        b2027 = selectors.inventaris_baris_list(tahun=2027)
        assert [(r.kondisi_awal_tahun, r.keluar, r.kondisi_akhir_tahun) for r in b2024] == [
            ("", None, "baik")
        ]
        assert [(r.kondisi_awal_tahun, r.kondisi_akhir_tahun) for r in b2025] == [("baik", "rusak")]
        assert b2026[0].keluar.jenis == "jual" and b2026[0].kondisi_akhir_tahun == ""
        assert b2027 == []
        with pytest.raises(ValidationError, match="sudah dijual"):
            services.mutasi_aset_add(
                aset=aset, jenis="kondisi", tanggal=dt.date(2026, 3, 1), kondisi_baru="baik"
            )
        with pytest.raises(ValidationError, match="tidak dapat dihapus"):
            services.aset_delete(aset=aset)
        assert AccessAudit.objects.filter(object_type="inventaris.mutasi").count() >= 2
        assert MutasiAset.objects.filter(aset=aset).count() == 2


def test_mutations_keep_their_order(village):
    aset = _aset(village)
    with village_context(village):
        services.mutasi_aset_add(
            aset=aset, jenis="pindah", tanggal=dt.date(2025, 1, 1), lokasi_baru="Balai dusun"
        )
        with pytest.raises(ValidationError, match="berurutan"):
            services.mutasi_aset_add(
                aset=aset,
                jenis="kondisi",
                tanggal=dt.date(2024, 12, 1),
                kondisi_baru="rusak_ringan",
            )
        with pytest.raises(ValidationError, match="sebelum tanggal perolehan"):
            services.mutasi_aset_add(aset=aset, jenis="hapus", tanggal=dt.date(2020, 1, 1))
        assert aset.keadaan().lokasi == "Balai dusun"


def test_finished_project_is_offered_once(operator_client, village):
    with village_context(village):
        selesai = proyek_save(nama="Jembatan Way Hui", lokasi="Dusun III", tahun=2025,
                              sumber_dana=["dd"], anggaran=250_000_000, progres=100)  # fmt: skip
        proyek_save(nama="Sumur bor", lokasi="Dusun I", tahun=2025, sumber_dana=["dd"], progres=40)
    page = operator_client.get("/kelola/inventaris/").content.decode()
    assert "Jembatan Way Hui" in page and "Sumur bor" not in page
    form = operator_client.get(f"/kelola/inventaris/baru/?proyek={selesai.pk}").content.decode()
    assert "Jembatan Way Hui" in form and "250000000" in form
    response = operator_client.post(
        f"/kelola/inventaris/baru/?proyek={selesai.pk}",
        {
            "kategori": "D",
            "nama": "Jembatan Way Hui",
            "sumber": "apbdes",
            "jumlah": 1,
            "tanggal_perolehan": "2025-12-20",
            "nilai_perolehan": "250000000",
            "kondisi_awal": "baik",
            "proyek_asal": selesai.pk,
        },  # fmt: skip
    )
    assert response.status_code == 302
    assert "Catat sebagai aset" not in operator_client.get("/kelola/inventaris/").content.decode()
    with village_context(village), pytest.raises(ValidationError, match="sudah tercatat"):
        _aset(village, proyek_asal=selesai.pk)


def test_list_queries_do_not_grow(operator_client, village):
    for i in range(3):
        _aset(village, nama=f"Kursi {i}")
    with CaptureQueriesContext(connection) as few:
        operator_client.get("/kelola/inventaris/")
    for i in range(20):
        a = _aset(village, nama=f"Meja {i}")
        with village_context(village):
            services.mutasi_aset_add(
                aset=a, jenis="pindah", tanggal=dt.date(2025, 1, 1), lokasi_baru="Gudang"
            )
    with CaptureQueriesContext(connection) as many:
        assert "Meja 1" in operator_client.get("/kelola/inventaris/").content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_operator_records_a_mutation(operator_client, village):
    aset = _aset(village)
    response = operator_client.post(
        f"/kelola/inventaris/{aset.pk}/",
        {"jenis": "hapus", "tanggal": "2026-01-10", "dasar": "BA 1/2026"},
    )
    assert response.status_code == 302
    page = operator_client.get(f"/kelola/inventaris/{aset.pk}/").content.decode()
    assert "Dihapus (rusak/hilang)" in page and "BA 1/2026" in page

"""Land registers: owner picked by NIK or typed; audited writes."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tenants.context import village_context
from tests.support.builders import penduduk_make
from village_apps.audit.models import AccessAudit
from village_apps.tanah import selectors, services


def test_owner_is_a_resident_or_a_typed_name(village):
    with village_context(village):
        warga = penduduk_make(nama="Siti Aminah")
        t = services.tanah_desa_save(
            nik_pemilik=warga.nik, nama_pemilik="diabaikan", luas=Decimal(1200), status_hak="hm",
            penggunaan="sawah", nomor_letter_c="C-112", nomor_persil="45", kelas="S-II",
        )  # fmt: skip
        assert t.pemilik == warga and t.nama_pemilik == "Siti Aminah"
        luar = services.tanah_desa_save(
            nama_pemilik="PT Agro Lestari",
            luas=Decimal(5000),
            status_hak="hgu",
            penggunaan="perkebunan",
        )
        assert luar.pemilik is None
        with pytest.raises(ValidationError) as err:
            services.tanah_desa_save(
                nik_pemilik="1801044100000000", luas=Decimal(1), status_hak="hm", penggunaan="sawah"
            )
        assert "tidak ditemukan" in str(err.value)
        with pytest.raises(ValidationError):
            services.tanah_desa_save(
                nama_pemilik="X", luas=Decimal(0), status_hak="hm", penggunaan="sawah"
            )
        assert [x.pk for x in selectors.tanah_desa_list(cari="C-112")] == [t.pk]
        audit = AccessAudit.objects.filter(object_type="tanah.tanah_desa").values_list(
            "summary", flat=True
        )
        assert audit.count() == 2 and not any("Siti" in s for s in audit)


def test_operator_records_tanah_kas_desa(operator_client, village):
    response = operator_client.post(
        "/kelola/tanah/kas-desa/baru/",
        {
            "asal": "asli",
            "jenis_lahan": "sawah",
            "luas": "20000",
            "nomor_letter_c": "C-1",
            "nomor_persil": "12",
            "kelas": "S-I",
            "ada_patok": "on",
            "peruntukan": "sewa",
        },  # fmt: skip
    )
    assert response.status_code == 302
    page = operator_client.get("/kelola/tanah/kas-desa/?q=C-1").content.decode()
    assert "Asli milik desa" in page and "Sewa" in page
    assert operator_client.get("/kelola/tanah/").status_code == 200


def test_reader_sees_but_cannot_change(viewer_client):
    assert viewer_client.get("/kelola/tanah/").status_code == 200
    assert viewer_client.post("/kelola/tanah/baru/", {}).status_code == 403

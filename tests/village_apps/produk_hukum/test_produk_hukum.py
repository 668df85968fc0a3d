"""Legal products: stages from dated steps, checked uploads, the public JDIH page."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tenants.context import village_context
from village_apps.audit.models import AccessAudit
from village_apps.produk_hukum import selectors, services
from village_apps.produk_hukum.choices import Tahap

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _perdes(village, **kw):
    data = {"jenis": "perdes", "tentang": "APBDes Tahun 2026", "nomor": "3"}
    with village_context(village):
        return services.produk_hukum_save(**{**data, **kw})


def test_stage_follows_the_dated_steps(village):
    draft = _perdes(village, nomor="")
    assert draft.tahap == Tahap.RANCANGAN
    p = _perdes(
        village,
        tanggal_disepakati=dt.date(2026, 1, 5),
        tanggal_evaluasi=dt.date(2026, 1, 10),
        tanggal_ditetapkan=dt.date(2026, 1, 15),
    )
    assert p.tahap == Tahap.DITETAPKAN
    with village_context(village):
        p = services.produk_hukum_save(
            produk_hukum=p,
            jenis="perdes",
            tentang=p.tentang,
            nomor="3",
            tanggal_ditetapkan=dt.date(2026, 1, 15),
            nomor_diundangkan="3",
            tanggal_diundangkan=dt.date(2026, 1, 16),
        )
        assert p.tahap == Tahap.DIUNDANGKAN and p.diundangkan_di == "Lembaran Desa"
        assert (
            AccessAudit.objects.filter(
                object_type="produk_hukum.produk_hukum", object_id=str(p.pk)
            ).count()
            == 2
        )
        assert list(selectors.diundangkan_list(tahun=2026)) == [p]
        assert list(selectors.peraturan_list(tahun=2026)) == [p]


def test_validation_messages_are_indonesian(village):
    with pytest.raises(ValidationError, match="harus bernomor"):
        _perdes(village, nomor="", tanggal_ditetapkan=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError, match="Lembaran/Berita Desa"):
        _perdes(
            village, tanggal_ditetapkan=dt.date(2026, 1, 1), tanggal_diundangkan=dt.date(2026, 1, 2)
        )
    with pytest.raises(ValidationError, match="sebelum tanggal ditetapkan"):
        _perdes(
            village,
            tanggal_ditetapkan=dt.date(2026, 1, 5),
            nomor_diundangkan="1",
            tanggal_diundangkan=dt.date(2026, 1, 2),
        )
    with pytest.raises(ValidationError, match="tidak disepakati BPD"):
        _perdes(village, jenis="kepkades", tanggal_disepakati=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError, match="PDF, JPG atau PNG"):
        _perdes(village, berkas=SimpleUploadedFile("perdes.pdf", b"<html>not a pdf</html>"))


def test_enacted_product_cannot_be_deleted(village):
    p = _perdes(village, tanggal_ditetapkan=dt.date(2026, 2, 1))
    with village_context(village), pytest.raises(ValidationError, match="tidak dapat dihapus"):
        services.produk_hukum_delete(produk_hukum=p)


def test_operator_enters_a_perdes_and_the_public_finds_it(operator_client, village_client, village):
    response = operator_client.post(
        "/kelola/produk-hukum/baru/",
        {
            "jenis": "perdes",
            "tentang": "Pungutan Pasar Desa",
            "nomor": "7",
            "tanggal_ditetapkan": "2026-03-01",
            "nomor_diundangkan": "7",
            "tanggal_diundangkan": "2026-03-02",
            "berkas": SimpleUploadedFile("ttd.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    _perdes(village, tentang="Rancangan Tata Ruang", nomor="")  # a draft: not public
    with village_context(village):
        p = selectors.produk_hukum_list(cari="Pungutan").get()
        assert p.berkas.name.endswith(".pdf") and "ttd" not in p.berkas.name
    html = village_client.get("/jdih/?q=pungutan").content.decode()
    assert "Pungutan Pasar Desa" in html
    assert "Rancangan Tata Ruang" not in village_client.get("/jdih/").content.decode()
    assert "/jdih/" in village_client.get("/").content.decode()  # the site's menu links it
    detail = village_client.get(f"/jdih/{p.pk}/").content.decode()
    assert "Lembaran Desa" in detail
    berkas = village_client.get(f"/jdih/{p.pk}/berkas/")
    assert berkas.status_code == 200 and berkas["Content-Type"] == "application/pdf"
    assert b"".join(berkas.streaming_content).startswith(b"%PDF")
    with village_context(village):
        draft = selectors.produk_hukum_list(cari="Tata Ruang").get()
    assert village_client.get(f"/jdih/{draft.pk}/").status_code == 404
    assert village_client.get(f"/kelola/produk-hukum/{p.pk}/berkas/").status_code in (302, 403)
    with village_context(village):
        p.berkas.delete(save=False)


def test_reader_cannot_change(viewer_client):
    assert viewer_client.get("/kelola/produk-hukum/").status_code == 200
    assert viewer_client.post("/kelola/produk-hukum/baru/", {}).status_code == 403

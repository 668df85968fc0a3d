"""Back-office resident pages: permissions, masking, audit, query counts (acceptance 5, 6)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.context import village_context
from tests.village_apps.penduduk.conftest import isi_penduduk
from village_apps.audit.models import AccessAudit
from village_apps.penduduk.models import Penduduk
from village_apps.penduduk.templatetags.penduduk_tags import TERSAMAR


@pytest.fixture
def isi(village, tmp_path):
    isi_penduduk(village, 120, tmp_path)
    with village_context(village):
        return list(Penduduk.objects.select_related("keluarga").order_by("id")[:3])


def _login(client, user):
    with village_context(client.village):
        client.force_login(user)
    return client


def test_pages_need_a_village_login(village_client):
    response = village_client.get("/kelola/penduduk/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_viewer_sees_masked_nik_and_kk_operator_sees_full(village_client, pengguna, isi):
    p = isi[0]
    viewer_page = _login(village_client, pengguna["peninjau"]).get(
        "/kelola/penduduk/", {"q": p.nama}
    )
    html = viewer_page.content.decode()
    assert p.nik not in html and TERSAMAR in html
    detail = village_client.get(f"/kelola/penduduk/{p.pk}/").content.decode()
    assert p.nik not in detail
    operator_page = _login(village_client, pengguna["operator"]).get(
        "/kelola/penduduk/", {"q": p.nama}
    )
    assert p.nik in operator_page.content.decode()


def test_viewer_cannot_change_or_export(village_client, pengguna, isi):
    _login(village_client, pengguna["peninjau"])
    assert village_client.get("/kelola/penduduk/tambah/").status_code == 403
    assert village_client.get("/kelola/penduduk/ekspor/").status_code == 403
    assert village_client.get(f"/kelola/penduduk/{isi[0].pk}/ubah/").status_code == 403


def test_detail_views_and_exports_are_audited(village, village_client, pengguna, isi):
    _login(village_client, pengguna["operator"])
    assert village_client.get(f"/kelola/penduduk/{isi[1].pk}/").status_code == 200
    export = village_client.get("/kelola/penduduk/ekspor/")
    assert export.status_code == 200 and export["Content-Type"].startswith(
        "application/vnd.openxml"
    )
    with village_context(village):
        view = AccessAudit.objects.get(action="view", object_type="penduduk")
        assert (view.object_id, view.username, view.role) == (
            str(isi[1].pk),
            "uji-operator",
            "operator",
        )
        assert view.ip == "127.0.0.1"
        assert AccessAudit.objects.filter(action="export", object_type="penduduk").count() == 1
        # No personal data in audit rows.
        assert not AccessAudit.objects.filter(summary__contains=isi[1].nik).exists()


def _app_queries(ctx) -> list[str]:
    """Queries of the page itself: routing refreshes (``tenants_*``, at most once a
    second by design) and ``SET search_path`` come and go with the clock."""
    return [
        q["sql"]
        for q in ctx.captured_queries
        if "tenants_" not in q["sql"] and "search_path" not in q["sql"]
    ]


def test_list_search_and_detail_make_a_fixed_number_of_queries(
    village_client, pengguna, isi, tmp_path, village
):
    _login(village_client, pengguna["operator"])
    village_client.get("/kelola/penduduk/")  # warm session/user
    counts = {}
    for name, url in {
        "list": "/kelola/penduduk/",
        "search": f"/kelola/penduduk/?q={isi[0].nama.split()[0]}&urut=-umur",
        "filter": "/kelola/penduduk/?agama_id=1&status_dasar=1&halaman=2",
        "detail": f"/kelola/penduduk/{isi[0].pk}/",
        "keluarga": "/kelola/keluarga/",
        "wilayah": "/kelola/wilayah/",
        "statistik": "/kelola/penduduk/statistik/?kategori=pekerjaan",
    }.items():
        with CaptureQueriesContext(connection) as ctx:
            assert village_client.get(url).status_code == 200, url
        counts[name] = len(_app_queries(ctx))
    isi_penduduk(village, 300, tmp_path, kode="180105")  # more rows must not mean more queries
    village_client.get("/kelola/penduduk/")  # warm again after leaving the schema
    for name, url in {
        "list": "/kelola/penduduk/",
        "keluarga": "/kelola/keluarga/",
        "wilayah": "/kelola/wilayah/",
    }.items():
        with CaptureQueriesContext(connection) as ctx:
            village_client.get(url)
        assert len(_app_queries(ctx)) == counts[name], name  # no growth with the data
    assert counts["list"] <= 6 and counts["search"] <= 6 and counts["filter"] <= 6
    assert counts["detail"] <= 9
    assert counts["keluarga"] <= 6 and counts["wilayah"] <= 8 and counts["statistik"] <= 6


def test_search_by_nik_kk_and_name(village_client, pengguna, isi):
    _login(village_client, pengguna["operator"])
    p = isi[2]
    for q in (p.nik, p.keluarga.no_kk if p.keluarga_id else p.nik, p.nama.lower()):
        html = village_client.get("/kelola/penduduk/", {"q": q}).content.decode()
        assert f"/kelola/penduduk/{p.pk}/" in html, q


def test_operator_adds_a_resident_and_a_duplicate_is_flagged(village, village_client, pengguna):
    _login(village_client, pengguna["operator"])
    data = {
        "nama": "Sri Wahyuni",
        "sex": 2,
        "tanggallahir": "1990-04-03",
        "agama_id": 1,
        "warganegara_id": 1,
        "status": 1,
        "jenis_pencatatan": 8,
        "tanggal_peristiwa": "2025-01-02",
    }
    first = village_client.post("/kelola/penduduk/tambah/", data)
    assert first.status_code == 302
    second = village_client.post("/kelola/penduduk/tambah/", data, follow=True)
    assert "Kemungkinan data ganda" in second.content.decode()
    with village_context(village):
        rows = list(Penduduk.objects.filter(nama="Sri Wahyuni"))
        assert len(rows) == 2 and all(r.kemungkinan_ganda for r in rows)
        assert all(re.fullmatch(r"0180104200100\d{3}", r.nik) for r in rows)  # temporary numbers


def test_nik_structure_is_a_warning_by_default_and_an_error_when_configured(
    village, village_client, pengguna
):
    _login(village_client, pengguna["admin"])
    data = {
        "nik": "1801040101900001",  # says 01-01-1990, man
        "nama": "Budi",
        "sex": 1,
        "tanggallahir": "1991-02-02",
        "agama_id": 1,
        "warganegara_id": 1,
        "status": 1,
        "jenis_pencatatan": 8,
        "tanggal_peristiwa": "2025-01-02",
    }
    response = village_client.post("/kelola/penduduk/tambah/", data, follow=True)
    assert "tidak sesuai dengan tanggal lahir" in response.content.decode()
    village_client.post("/kelola/penduduk/pengaturan/", {"nik_struktur": "error"})
    data["nik"] = "1801040101900002"
    response = village_client.post("/kelola/penduduk/tambah/", data)
    assert (
        response.status_code == 200
        and "tidak sesuai dengan tanggal lahir" in response.content.decode()
    )
    with village_context(village):
        assert Penduduk.objects.filter(nama="Budi").count() == 1


def test_bad_file_upload_shows_every_error_and_imports_nothing(
    village, village_client, pengguna, tmp_path
):
    from tests.village_apps.penduduk.generate import baris_penduduk, tulis_berkas
    from village_apps.penduduk.excel import KOLOM

    rows = baris_penduduk(3)
    rows[0][KOLOM.index("nik")] = "12"
    rows[2][KOLOM.index("sex")] = 7
    path = tulis_berkas(tmp_path / "buruk.xlsx", jumlah=0, rows=rows)
    _login(village_client, pengguna["operator"])
    with open(path, "rb") as fh:
        response = village_client.post("/kelola/penduduk/impor/", {"berkas": fh}, follow=True)
    html = response.content.decode()
    assert (
        "Impor dibatalkan" in html
        and "NIK wajib diisi dan harus 16 angka" in html
        and "Kode 7 tidak dikenal" in html
    )
    report = village_client.get(response.redirect_chain[-1][0] + "laporan.csv").content.decode()
    assert report.splitlines()[0] == "baris,kolom,nilai,pesan,jenis"
    assert {line.split(",")[0] for line in report.splitlines()[1:] if line.endswith("galat")} == {
        "2",
        "4",
    }
    with village_context(village):
        assert Penduduk.objects.count() == 0


def test_non_excel_upload_is_rejected_clearly(village_client, pengguna, tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("nama,nik\n")
    _login(village_client, pengguna["operator"])
    with open(path, "rb") as fh:
        response = village_client.post("/kelola/penduduk/impor/", {"berkas": fh})
    assert response.status_code == 400 and ".xlsx atau .xlsm" in response.content.decode()


def test_viewer_finds_by_whole_numbers_only(village_client, pengguna, isi):
    """Masked numbers stay masked: a prefix search would reveal them digit by digit."""
    p = isi[0]
    kk = p.keluarga
    link = f"/kelola/penduduk/{p.pk}/"
    keluarga_link = f"/kelola/keluarga/{kk.pk}/"

    def found(path, q, needle):
        return needle in village_client.get(path, {"q": q}).content.decode()

    _login(village_client, pengguna["peninjau"])
    assert not found("/kelola/penduduk/", p.nik[:12], link)
    assert not found("/kelola/penduduk/", kk.no_kk[:12], link)
    assert not found("/kelola/keluarga/", kk.no_kk[:12], keluarga_link)
    assert found("/kelola/penduduk/", p.nik, link)
    assert found("/kelola/penduduk/", kk.no_kk, link)
    assert found("/kelola/keluarga/", kk.no_kk, keluarga_link)
    _login(village_client, pengguna["operator"])
    assert found("/kelola/penduduk/", p.nik[:12], link)
    assert found("/kelola/keluarga/", kk.no_kk[:12], keluarga_link)

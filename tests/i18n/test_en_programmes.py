"""English for the programme modules: aid programmes, community groups, the APBDes,
development projects and the OpenSID import page. With the ``django_language=en``
cookie the pages are English; without it they stay Indonesian. Import row errors
follow the screen's language, while the file formats (OpenSID's words) do not."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from openpyxl import Workbook

from tenants.context import village_context
from tests.support.builders import village_login


def _html(client: Client, url: str, *, en: bool) -> str:
    if en:
        client.cookies["django_language"] = "en"
    else:
        client.cookies.pop("django_language", None)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def data(village):
    import datetime as dt

    from village_apps.bantuan import services as bantuan
    from village_apps.bantuan.choices import AsalDana, Sasaran
    from village_apps.keuangan import services as keuangan
    from village_apps.pembangunan import services as pembangunan

    with village_context(village):
        bantuan.program_save(
            nama="BLT Uji", sasaran=Sasaran.PENDUDUK, asal_dana=AsalDana.DANA_DESA,
            mulai=dt.date(2025, 1, 1), selesai=dt.date(2025, 12, 31),
        )  # fmt: skip
        apbdes = keuangan.apbdes_create(tahun=2025)
        keuangan.baris_save(
            apbdes=apbdes, kelompok="belanja", kode="2.3.01", uraian="Jalan", anggaran=800
        )
        pembangunan.proyek_save(
            nama="Drainase Uji", lokasi="Dusun I", tahun=2025, sumber_dana=["dd"], anggaran=10
        )


def test_public_pages_in_english_and_indonesian(village_client, village, data):
    html = _html(village_client, "/bantuan/", en=True)
    assert "<h1>Aid programmes</h1>" in html and "Recipients" in html
    assert "Program bantuan" not in html and "Village Fund (Dana Desa)" in html
    html = _html(village_client, "/bantuan/", en=False)
    assert "<h1>Program bantuan</h1>" in html and "Aid programmes" not in html

    html = _html(village_client, "/keuangan/", en=True)
    assert "Village budget (APBDes) 2025" in html and "Expenditure by field" in html
    assert "Village Development" in html  # the Permendagri field name of code 2
    assert "Belanja per bidang" not in html and "Bidang Pelaksanaan Pembangunan" not in html
    html = _html(village_client, "/keuangan/", en=False)
    assert "Transparansi APBDes 2025" in html and "Belanja per bidang" in html
    assert "Expenditure by field" not in html

    html = _html(village_client, "/pembangunan/", en=True)
    assert "<h1>Village development projects</h1>" in html and "Progress " in html
    assert "Pembangunan desa" not in html
    html = _html(village_client, "/pembangunan/", en=False)
    assert "<h1>Pembangunan desa</h1>" in html and "Village development" not in html


def test_back_office_pages_in_english_and_indonesian(village, pengguna, data):
    operator = village_login(Client(HTTP_HOST=village.host), pengguna["operator"], village)
    html = _html(operator, "/kelola/kelompok/", en=True)
    assert "<h1>Community groups</h1>" in html and "Add group" in html
    assert "Kelompok masyarakat" not in html
    html = _html(operator, "/kelola/kelompok/", en=False)
    assert "<h1>Kelompok masyarakat</h1>" in html and "Community groups" not in html

    html = _html(operator, "/keuangan/kelola/2025/", en=True)
    assert "Add a line" in html and "Account code" in html and "Tambah rincian" not in html
    html = _html(operator, "/bantuan/kelola/", en=True)
    assert "New programme" in html and "Import from OpenSID" in html
    assert "Program baru" not in html

    admin = village_login(Client(HTTP_HOST=village.host), pengguna["admin"], village)
    html = _html(admin, "/kelola/impor-opensid/", en=True)
    assert "<h1>Import from OpenSID</h1>" in html and "Import history" in html
    assert "OpenSID database backup" in html and "Riwayat impor" not in html
    html = _html(admin, "/kelola/impor-opensid/", en=False)
    assert "<h1>Impor dari OpenSID</h1>" in html and "Import history" not in html


def test_import_row_errors_follow_the_language(village, pengguna, data):
    from village_apps.keuangan.services import KOLOM_IMPOR

    buku = Workbook()
    buku.active.title = "APBDes"  # a format word: never translated
    buku.active.append(KOLOM_IMPOR)
    buku.active.append(["Belanja", "2.3.01", "", 1, 0, 0])
    berkas = io.BytesIO()
    buku.save(berkas)
    operator = village_login(Client(HTTP_HOST=village.host), pengguna["operator"], village)
    for en, teks in ((True, "Row 2: A description is required."), (False, "Baris 2: Uraian")):
        if en:
            operator.cookies["django_language"] = "en"
        else:
            operator.cookies.pop("django_language", None)
        berkas.seek(0)
        response = operator.post("/keuangan/kelola/impor/", {"tahun": 2025, "berkas": berkas})
        assert response.status_code == 400 and teks in response.content.decode()

    operator.cookies["django_language"] = "en"
    response = operator.post(
        "/bantuan/kelola/impor/", {"berkas": SimpleUploadedFile("program.xlsx", b"bukan excel")}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Import failed; nothing was changed:" in html
    assert "‹ Back</a>" in html and "Impor gagal" not in html


def test_aid_import_reads_opensid_words_whatever_the_language():
    """The programme sheet says "Dana Desa", "Penduduk" (OpenSID's Indonesian) even
    when the screen is English."""
    from village_apps.bantuan.choices import AsalDana, Sasaran
    from village_apps.bantuan.services import _pilihan

    with translation.override("en"):
        assert str(AsalDana.DANA_DESA.label) == "Village Fund (Dana Desa)"
        assert _pilihan("Dana Desa", AsalDana, "Asal Dana") == AsalDana.DANA_DESA
        assert _pilihan("Penduduk", Sasaran, "Sasaran") == Sasaran.PENDUDUK


def test_opensid_row_errors_follow_the_language():
    """The worker writes the report in the uploader's language (the task gets it)."""
    from village_apps.opensid_import.mapping import MAPPED, Laporan, check

    rows = {name: [] for name in MAPPED}
    rows["tweb_penduduk"] = [{"id": 7, "nik": "123", "sex": 1, "agama_id": 1}]
    for bahasa, teks in (("en", "the NIK is not 16 digits"), ("id", "NIK bukan 16 angka")):
        laporan = Laporan()
        with translation.override(bahasa):
            check(rows, laporan)
        assert f"tweb_penduduk id=7: {teks}." in laporan.errors

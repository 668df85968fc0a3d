"""Aid programmes: OpenSID import links participants by NIK and reports unknown NIKs;
the public page shows programmes and counts, never names."""

import io

import pytest
from openpyxl import load_workbook

from tenants.context import village_context
from tests.support.shared_files import SHARED_DIR
from village_apps.akun.services import village_user_create
from village_apps.bantuan import services
from village_apps.bantuan.models import Peserta, Program
from village_apps.penduduk.models import Penduduk

CONTOH = SHARED_DIR / "opensid" / "format_impor_program_bantuan.xlsx"
NIK_AHLUL, NIK_HABIB = "5201142005716996", "5201140301916995"


def _penduduk(nik, nama):
    return Penduduk.objects.create(nik=nik, nama=nama, sex=1, agama_id=1)


def _berkas(path=CONTOH):
    return io.BytesIO(path.read_bytes())


@pytest.fixture
def ahlul(village):
    with village_context(village):
        return _penduduk(NIK_AHLUL, "AHLUL")


@pytest.mark.shared_files("opensid/format_impor_program_bantuan.xlsx")
def test_opensid_file_creates_programme_and_links_by_nik(village, ahlul):
    with village_context(village):
        hasil = services.program_impor(berkas=_berkas())
        assert hasil.kesalahan == []
        program = hasil.program
        assert (program.nama, program.sasaran, program.asal_dana) == ("Bantuan Sosial Tunai", 1, 1)
        assert str(program.mulai) == "2020-04-01" and str(program.selesai) == "2020-12-31"
        assert program.opensid_id == "7"
        assert hasil.ditambahkan == 1
        assert hasil.tidak_dikenal == [
            (3, NIK_HABIB)
        ]  # Excel row 3: AHMAD HABIB is not a resident here
        peserta = Peserta.objects.get(program=program)
        assert (
            peserta.penduduk == ahlul
            and peserta.no_peserta == "1"
            and peserta.kartu_nik == NIK_AHLUL
        )

        # The same file again (known ID Program): same programme, now Habib is a resident too.
        _penduduk(NIK_HABIB, "AHMAD HABIB")
        lagi = services.program_impor(berkas=_berkas())
        assert lagi.program == program and not lagi.program_baru
        assert (lagi.ditambahkan, lagi.sudah_ada, lagi.tidak_dikenal) == (1, 1, [])
        assert Program.objects.count() == 1 and program.peserta.count() == 2


@pytest.mark.shared_files("opensid/format_impor_program_bantuan.xlsx")
def test_bad_programme_sheet_imports_nothing(village, tmp_path):
    buku = load_workbook(CONTOH)
    buku["Program"]["B3"] = 9  # sasaran 9 does not exist
    path = tmp_path / "salah.xlsx"
    buku.save(path)
    with village_context(village):
        hasil = services.program_impor(berkas=_berkas(path))
        assert hasil.kesalahan and "Sasaran Program tidak dikenal" in hasil.kesalahan[0]
        assert not Program.objects.exists()


@pytest.mark.shared_files("opensid/format_impor_program_bantuan.xlsx")
def test_import_page_reports_unknown_niks_and_public_page_has_no_names(
    village_client, village, ahlul
):
    with village_context(village):
        operator = village_user_create(
            username="op-bansos", role="operator", password="sandi-kuat-12345"
        )
        village_client.force_login(operator)
    response = village_client.post("/bantuan/kelola/impor/", {"berkas": _berkas()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 peserta ditambahkan" in html and NIK_HABIB in html and "Tidak dikenal (1)" in html
    with village_context(village):
        program = Program.objects.get()
    assert "AHLUL" in village_client.get(f"/bantuan/kelola/{program.pk}/").content.decode()
    village_client.logout()
    public = village_client.get("/bantuan/").content.decode()
    assert "Bantuan Sosial Tunai" in public
    assert "AHLUL" not in public and NIK_AHLUL not in public and "5201" not in public
    assert '<td class="num">&lt;5</td>' in public  # one participant: published as <5


def test_participant_by_kk_and_list_without_n_plus_one(
    village_client, village, django_assert_max_num_queries
):
    import datetime as dt

    from village_apps.keluarga.models import Keluarga

    with village_context(village):
        program = services.program_save(
            nama="PKH",
            sasaran=2,
            asal_dana=1,
            mulai=dt.date(2025, 1, 1),
            selesai=dt.date(2025, 12, 31),
        )
        for i in range(30):
            kk = Keluarga.objects.create(no_kk=f"18010420010{i:05d}")
            services.peserta_add(program=program, pengenal=kk.no_kk)
        with pytest.raises(Exception, match="nomor KK tidak ditemukan"):
            services.peserta_add(program=program, pengenal="9999999999999999")
        admin = village_user_create(
            username="adm-bansos", role="admin", password="sandi-kuat-12345"
        )
        village_client.force_login(admin)
    with django_assert_max_num_queries(14):
        response = village_client.get(f"/bantuan/kelola/{program.pk}/")
    assert response.content.decode().count("KK 18010420010") == 30

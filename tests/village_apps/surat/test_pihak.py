"""The other people a letter names (``pihak``): picked from the register or typed in,
validated, frozen on the issued letter; a subject not on the register."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tenants.context import village_context
from village_apps.audit.models import AccessAudit
from village_apps.surat import checks, services
from village_apps.surat.models import FormatSurat, SuratKeluar
from village_apps.surat.pihak import SUBJEK, Orang, pihak_from_json

from .helpers import format_make, opensid_templates_import, pdf_text, penduduk_make

pytestmark = pytest.mark.django_db

SAKSI_LUAR = {
    "pihak-saksi_1-sumber": "luar",
    "pihak-saksi_1-nik": "3171011703850001",
    "pihak-saksi_1-nama": "Yusuf Hamdani",
    "pihak-saksi_1-tempatlahir": "Jakarta",
    "pihak-saksi_1-tanggallahir": "1985-03-17",
    "pihak-saksi_1-sex": "1",
    "pihak-saksi_1-agama_id": "1",
    "pihak-saksi_1-pekerjaan_id": "15",
    "pihak-saksi_1-warganegara_id": "1",
    "pihak-saksi_1-alamat": "Jl. Cempaka 3, Jakarta Pusat",
}


def _dari_register(role: str, penduduk, hubungan: str = "") -> dict[str, str]:
    return {
        f"pihak-{role}-sumber": "penduduk",
        f"pihak-{role}-penduduk_id": str(penduduk.pk),
        f"pihak-{role}-hubungan": hubungan,
    }


def _kelahiran_data(*, ayah, ibu, pelapor, saksi_2) -> dict[str, str]:
    return {
        **_dari_register("ayah", ayah),
        **_dari_register("ibu", ibu),
        **_dari_register("pelapor", pelapor, "Kakek"),
        **SAKSI_LUAR,
        **_dari_register("saksi_2", saksi_2),
        "peristiwa-tanggal_kelahiran": "2026-11-30",
        "peristiwa-jam_kelahiran": "08:15",
        "peristiwa-tempat_dilahirkan": "Puskesmas Natar",
        "peristiwa-kelahiran_anak": "2",
        "form_hubungan_pelapor_dengan_bayi": "Kakek",
    }


def _kelahiran(nama_bayi: str):
    """OpenSID's Keterangan Kelahiran (imported), a baby and its parents on the register."""
    opensid_templates_import()
    fmt = FormatSurat.objects.get(nama="Keterangan Kelahiran", sumber="opensid")
    bayi = penduduk_make(nama=nama_bayi, kk_level=4)
    ayah = penduduk_make(nama="Agus Pratama")
    ibu = penduduk_make(nama="Siti Aminah", sex=2)
    return fmt, bayi, ayah, ibu


@pytest.mark.shared_files("opensid/template_surat_tinymce.json")
def test_kelahiran_with_reporter_from_register_and_witness_typed_in(village):
    with village_context(village):
        fmt, bayi, ayah, ibu = _kelahiran("Bayi Pratama")
        pelapor = penduduk_make(nama="Hasan Basri")
        saksi_2 = penduduk_make(nama="Rahmat Hidayat")
        data = _kelahiran_data(ayah=ayah, ibu=ibu, pelapor=pelapor, saksi_2=saksi_2)
        pihak = services.surat_pihak_parse(format_surat=fmt, data=data, penduduk=bayi)
        before = AccessAudit.objects.filter(object_type="surat").count()
        surat = services.surat_issue(format_surat=fmt, penduduk=bayi, isian=data, pihak=pihak)
        text = pdf_text(bytes(surat.pdf)).upper()
        assert "HASAN BASRI" in text and "YUSUF HAMDANI" in text and "3171011703850001" in text
        assert "SENIN" in text and "08:15" in text and "PUSKESMAS NATAR" in text
        # Frozen on the letter, one structure keyed by role.
        stored = pihak_from_json(SuratKeluar.objects.get(pk=surat.pk).pihak)
        assert stored["pelapor"].penduduk_id == pelapor.pk and stored["pelapor"].hubungan == "Kakek"
        assert stored["saksi_1"].luar and stored["saksi_1"].pekerjaan_id == 15
        assert stored[SUBJEK].penduduk_id == bayi.pk
        assert stored[SUBJEK].peristiwa["jam_kelahiran"] == "08:15"
        assert not surat.subjek_luar
        assert AccessAudit.objects.filter(object_type="surat").count() == before + 1


@pytest.mark.shared_files("opensid/template_surat_tinymce.json")
def test_a_role_left_out_or_typed_wrong_is_refused_with_every_problem(village):
    with village_context(village):
        fmt, bayi, ayah, ibu = _kelahiran("Bayi Kedua")
        data = _kelahiran_data(ayah=ayah, ibu=ibu, pelapor=ayah, saksi_2=ibu)
        data.pop("pihak-saksi_2-sumber")
        data["pihak-saksi_1-nik"] = "12345"
        data["pihak-saksi_1-tanggallahir"] = "2999-01-01"
        data["peristiwa-jam_kelahiran"] = "25:00"
        with pytest.raises(ValidationError) as refused:
            services.surat_pihak_parse(format_surat=fmt, data=data, penduduk=bayi)
        errors = refused.value.message_dict
        assert "pihak-saksi_2-sumber" in errors and "Saksi 2" in errors["pihak-saksi_2-sumber"][0]
        assert "16 angka" in errors["pihak-saksi_1-nik"][0]
        assert "masa depan" in errors["pihak-saksi_1-tanggallahir"][0]
        assert "peristiwa-jam_kelahiran" in errors
        # The pre-issue check still refuses a letter whose people were never given.
        with pytest.raises(checks.SuratBermasalah) as check:
            services.surat_issue(format_surat=fmt, penduduk=bayi, isian=data)
        assert any("Pelapor" in m for m in check.value.messages)
        assert not SuratKeluar.objects.filter(format=fmt, penduduk_id=bayi.pk).exists()


def test_a_subject_not_on_the_register(village):
    with village_context(village):
        fmt = format_make(
            nama="Uji Luar",
            isi="<p>[Nama] NIK [Nik] lahir [TtL], [AlamaT]: [Form_keperluaN]</p>",
            kode_isian=[{"kode": "form_keperluan", "nama": "Keperluan", "required": True}],
        )
        data = {
            **{k.replace("saksi_1", "subjek"): v for k, v in SAKSI_LUAR.items()},
            "form_keperluan": "Jual beli tanah",
        }
        pihak = services.surat_pihak_parse(format_surat=fmt, data=data)
        surat = services.surat_issue(format_surat=fmt, penduduk=None, isian=data, pihak=pihak)
        assert surat.subjek_luar and surat.penduduk_id is None
        assert surat.nama_warga == "Yusuf Hamdani" and surat.nik_warga == "3171011703850001"
        assert "Yusuf Hamdani NIK 3171011703850001 lahir Jakarta, 17 Maret 1985" in pdf_text(
            bytes(surat.pdf)
        )
        log = AccessAudit.objects.filter(object_type="surat", object_id=str(surat.pk)).get()
        assert "bukan penduduk terdaftar" in log.summary
        # Without a resident nor a typed subject there is no letter.
        with pytest.raises(ValidationError):
            services.surat_issue(format_surat=fmt, penduduk=None, isian=data)
        with pytest.raises(ValidationError) as refused:
            services.surat_pihak_parse(format_surat=fmt, data={"form_keperluan": "x"})
        assert "pihak-subjek-nama" in refused.value.message_dict


def test_marked_in_the_archive_detail_and_verification(village, admin_client):
    with village_context(village):
        fmt = format_make(nama="Uji Tanda Luar", isi="<p>[Nama] [Nik]</p>")
        orang = Orang(sumber="luar", nama="Dewi Lestari", nik="3171015505900002")
        surat = services.surat_issue(
            format_surat=fmt, penduduk=None, isian={}, pihak={SUBJEK: orang}
        )
    arsip = admin_client.get("/surat/kelola/?q=Dewi").content.decode()
    assert "Dewi Lestari" in arsip and "bukan penduduk terdaftar" in arsip
    detail = admin_client.get(f"/surat/kelola/{surat.pk}/").content.decode()
    assert "bukan penduduk terdaftar" in detail
    publik = admin_client.get(f"/surat/verifikasi/{surat.token}/").content.decode()
    assert "bukan penduduk terdaftar" in publik and "Dewi Lestari" not in publik


def test_issue_page_for_someone_not_on_the_register(village, admin_client):
    with village_context(village):
        fmt = format_make(nama="Uji Halaman Luar", isi="<p>[Nama] [Nik] [AlamaT]</p>")
    page = admin_client.get(f"/surat/kelola/buat/?format={fmt.pk}&luar=1")
    assert page.status_code == 302 and page["Location"].endswith(f"/buat/{fmt.pk}/luar/")
    form = admin_client.get(page["Location"]).content.decode()
    assert 'name="pihak-subjek-nik"' in form and "bukan penduduk terdaftar" in form
    data = {k.replace("saksi_1", "subjek"): v for k, v in SAKSI_LUAR.items()}
    refused = admin_client.post(page["Location"], {**data, "pihak-subjek-nik": "99"})
    assert "16 angka" in refused.content.decode()
    done = admin_client.post(page["Location"], {**data, "aksi": "terbitkan"})
    assert done.status_code == 302
    with village_context(village):
        surat = SuratKeluar.objects.get(format=fmt)
    assert surat.subjek_luar and surat.pihak[SUBJEK]["nama"] == "Yusuf Hamdani"


def test_the_parents_on_the_subjects_record_are_picked_for_the_form(village, admin_client):
    with village_context(village):
        fmt = format_make(
            nama="Uji Orang Tua", isi="<p>[Nama]: [Pekerjaan_ayaH], [Pekerjaan_ibU]</p>"
        )
        ayah = penduduk_make(nama="Bambang Sutrisno")
        anak = penduduk_make(nama="Rudi Sutrisno", ayah_nik=ayah.nik, ibu_nik="3171015505900002")
    page = admin_client.get(f"/surat/kelola/buat/{fmt.pk}/{anak.pk}/").content.decode()
    assert f'name="pihak-ayah-penduduk_id" value="{ayah.pk}"' in page
    assert 'name="pihak-ibu-penduduk_id"' not in page  # the mother is not on the register


def test_the_other_peoples_nik_is_masked_for_roles_without_full_numbers(
    village, village_client, pengguna
):
    with village_context(village):
        fmt = format_make(
            nama="Uji Samaran Pihak", isi="<p>[Nama] [Nama_pelapoR] [Nik_pelapor]</p>"
        )
        warga = penduduk_make(nama="Joko Susilo")
        pelapor = Orang(sumber="luar", nama="Dewi Lestari", nik="3171015505900002")
        surat = services.surat_issue(
            format_surat=fmt, penduduk=warga, isian={}, pihak={"pelapor": pelapor}
        )
        village_client.force_login(pengguna["peninjau"])
    page = village_client.get(f"/surat/kelola/{surat.pk}/").content.decode()
    assert "Dewi Lestari" in page and "3171015505900002" not in page and "*" * 16 in page
    with village_context(village):
        village_client.force_login(pengguna["admin"])
    assert "3171015505900002" in village_client.get(f"/surat/kelola/{surat.pk}/").content.decode()


def test_the_camat_comes_from_the_letter_settings(village, admin_client):
    page = admin_client.get("/surat/kelola/pengaturan/").content.decode()
    assert 'name="camat_nama"' in page and 'name="camat_nip"' in page
    with village_context(village):
        from village_apps.surat.models import PengaturanSurat

        fmt = format_make(
            nama="Uji Camat", isi="<p>[Nama] [Nama_kepala_camaT] [Nip_kepala_camaT]</p>"
        )
        warga = penduduk_make()
        PengaturanSurat.objects.update_or_create(pk=1, defaults={"camat_nama": "", "camat_nip": ""})
        problems = services.surat_check(format_surat=fmt, penduduk=warga, isian={})
        assert any("Pengaturan surat" in m.pesan for m in problems)
        PengaturanSurat.objects.filter(pk=1).update(
            camat_nama="Drs. Hendra Gunawan", camat_nip="197001011990031001"
        )
        surat = services.surat_issue(format_surat=fmt, penduduk=warga, isian={})
        PengaturanSurat.objects.filter(pk=1).update(camat_nama="", camat_nip="")
    assert "Drs. Hendra Gunawan 197001011990031001" in pdf_text(bytes(surat.pdf))

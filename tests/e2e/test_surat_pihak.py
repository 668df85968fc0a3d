"""Issue 21 in a real browser: the operator issues OpenSID's Keterangan Kelahiran for a
baby on the register, picking the reporter from the register (search, pick: his data
pre-filled) and typing in a witness who is not on it; the PDF names both and carries a
filled F-2.01, and the QR's verification page finds the letter with a valid electronic
signature (acceptance 2)."""

from __future__ import annotations

import pytest

from tenants.context import village_context
from tests.e2e.conftest import screenshot
from tests.support.builders import KEPALA_DESA
from tests.village_apps.surat.helpers import (
    opensid_templates_import,
    pdf_page_text,
    pdf_pages,
    pdf_text,
    penduduk_make,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.shared_files("opensid/template_surat_tinymce.json"),
]

PASSWORD = "sandi-operator-e2e-pihak-123"
USERNAME = "operator-e2e-pihak"


@pytest.fixture
def kelahiran_scene(village):
    from django.contrib.auth import get_user_model

    from village_apps.akun.services import village_user_create
    from village_apps.keluarga.models import Keluarga
    from village_apps.penduduk.models import Penduduk
    from village_apps.surat.models import FormatSurat, PenomoranSurat, SuratKeluar
    from village_apps.tte.models import Penandatanganan, PengaturanTte
    from village_apps.tte.services import sertifikat_tte_issue

    with village_context(village):
        opensid_templates_import()
        # The signer of the village's letters holds a certificate (the local CA's).
        sertifikat_tte_issue(nama=KEPALA_DESA, organisasi=village.name)
        fmt = FormatSurat.objects.get(nama="Keterangan Kelahiran", sumber="opensid")
        people = {
            "bayi": penduduk_make(nama="Bayi Nurhaliza", sex=2, kk_level=4),
            "ayah": penduduk_make(nama="Fajar Nugroho"),
            "ibu": penduduk_make(nama="Indah Permatasari", sex=2),
            "pelapor": penduduk_make(nama="Gunawan Prasetyo"),
            "saksi_2": penduduk_make(nama="Komarudin Effendi"),
        }
        village_user_create(username=USERNAME, role="operator", password=PASSWORD)
    yield {"format": fmt, **people}
    with village_context(village):
        SuratKeluar.objects.filter(format=fmt).delete()
        PenomoranSurat.objects.filter(lingkup=f"format:{fmt.pk}").delete()
        for p in people.values():
            Penduduk.objects.filter(pk=p.pk).delete()
            Keluarga.objects.filter(pk=p.keluarga_id).delete()
        get_user_model().objects.filter(username=USERNAME).delete()
        Penandatanganan.objects.all().delete()
        PengaturanTte.objects.all().delete()


def _pick(page, role: str, nama: str) -> None:
    """Search the register for ``role`` and pick the one result."""
    page.fill(f"#cari-{role}", nama)
    with page.expect_navigation():
        page.click(f"button[value='cari:{role}']")
    with page.expect_navigation():
        page.click(f"#pihak-{role} .hasil-cari button[name=pilih]")
    assert nama in page.inner_text(f"#pihak-{role} .pihak-terpilih")


def test_operator_issues_kelahiran_with_reporter_picked_and_witness_typed_in(
    browser, page, live_host, village, kelahiran_scene
):
    fmt, bayi = kelahiran_scene["format"], kelahiran_scene["bayi"]
    page.goto(live_host("/akun/masuk/?next=/surat/kelola/buat/", village))
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/surat/kelola/buat/")
    page.select_option("#id_format", str(fmt.pk))
    page.fill("#id_q", bayi.nama)
    with page.expect_navigation():
        page.click("form.card button[type=submit]:not([name])")
    with page.expect_navigation():
        page.click("text=Pilih")
    page.wait_for_url(f"**/surat/kelola/buat/{fmt.pk}/{bayi.pk}/")

    # The reporter (and the parents, the second witness) from the register.
    _pick(page, "pelapor", kelahiran_scene["pelapor"].nama)
    _pick(page, "ayah", kelahiran_scene["ayah"].nama)
    _pick(page, "ibu", kelahiran_scene["ibu"].nama)
    _pick(page, "saksi_2", kelahiran_scene["saksi_2"].nama)
    # Picked values survive the next search: the reporter is still there.
    assert kelahiran_scene["pelapor"].nama in page.inner_text("#pihak-pelapor")
    page.fill("#p-pelapor-hubungan", "Kakek")

    # The first witness is not on the register: typed in.
    page.check("input[name='pihak-saksi_1-sumber'][value=luar]")
    page.fill("#p-saksi_1-nik", "3171011703850001")
    page.fill("#p-saksi_1-nama", "Yusuf Hamdani")
    page.fill("#p-saksi_1-tempatlahir", "Jakarta")
    page.fill("#p-saksi_1-tanggallahir", "1985-03-17")
    page.select_option("#p-saksi_1-sex", "1")
    page.select_option("#p-saksi_1-agama_id", "1")
    page.select_option("#p-saksi_1-pekerjaan_id", "15")
    page.select_option("#p-saksi_1-warganegara_id", "1")
    page.fill("#p-saksi_1-alamat", "Jl. Cempaka 3, Jakarta Pusat")

    # The birth, and the template's own field.
    page.fill("#peristiwa-tanggal_kelahiran", "2026-11-30")
    page.fill("#peristiwa-jam_kelahiran", "08:15")
    page.fill("#peristiwa-tempat_dilahirkan", "Puskesmas Natar")
    page.fill("#peristiwa-kelahiran_anak", "2")
    page.fill("#id_form_hubungan_pelapor_dengan_bayi", "Kakek")
    screenshot(page, "surat-kelahiran-pihak")
    page.click("button[value=terbitkan]")
    page.wait_for_url("**/surat/kelola/*/")
    detail = page.inner_text("main")
    assert "Yusuf Hamdani" in detail and "bukan penduduk terdaftar" in detail

    with village_context(village):
        from village_apps.surat.models import SuratKeluar

        surat = SuratKeluar.objects.get(format=fmt, penduduk_id=bayi.pk)
    text = pdf_text(bytes(surat.pdf)).upper()
    assert "GUNAWAN PRASETYO" in text  # the reporter, from the register
    assert "YUSUF HAMDANI" in text and "3171011703850001" in text  # the witness, typed in
    assert "PUSKESMAS NATAR" in text and "08:15" in text
    assert surat.pihak["pelapor"]["sumber"] == "penduduk"
    assert surat.pihak["saksi_1"]["sumber"] == "luar"
    # One PDF: the letter, then its attachment F-2.01 filled from the same people (boxed).
    form = pdf_page_text(bytes(surat.pdf), pdf_pages(bytes(surat.pdf)))
    assert "Kode.F-2.01" in form and "GUNAWANPRASETYO" in form  # the reporter
    assert "YUSUFHAMDANI" in form and "3171011703850001" in form  # the witness
    assert "30112026" in form and "08:15" in form  # the birth: Tgl/Bln/Thn boxes, time
    # The QR's target: the letter is found and its stored PDF's signature checks out.
    page.goto(live_host(f"/surat/verifikasi/{surat.token}/", village))
    verified = page.inner_text("main")
    assert surat.nomor in verified and surat.nama_tersamar in verified  # masked name
    tte = page.inner_text(".verifikasi-tte")
    assert "Tanda tangan elektronik: valid" in tte and KEPALA_DESA in tte
    screenshot(page, "surat-kelahiran-verifikasi")
    # OpenSID's templates carry inline ``style`` attributes, which the page's CSP
    # (style-src 'self') does not apply in the HTML preview (the PDF has them): known,
    # reported to the lead; any other console error fails.
    others = [e for e in page.console_errors if "Applying inline style violates" not in e]
    assert others == []

"""Issue 21, electronic signature in a real browser: the village admin makes a test
certificate from the platform's local CA on the signing settings page; a letter issued
afterwards is signed; its verification page (the QR's target) says "valid" with the
signer's name and the issuing CA, and "tidak valid" once the stored PDF is changed."""

from __future__ import annotations

import pytest

from tenants.context import village_context
from tests.e2e.conftest import screenshot
from tests.support.builders import KEPALA_DESA
from tests.village_apps.surat.helpers import penduduk_make

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "sandi-admin-e2e-tte-123"
USERNAME = "admin-e2e-tte"


@pytest.fixture
def tte_scene(village):
    from django.contrib.auth import get_user_model

    from village_apps.akun.services import village_user_create
    from village_apps.keluarga.models import Keluarga
    from village_apps.penduduk.models import Penduduk
    from village_apps.surat.models import PenomoranSurat, SuratKeluar
    from village_apps.tte.models import Penandatanganan, PengaturanTte

    with village_context(village):
        warga = penduduk_make(nama="Ratna Sari Dewi")
        village_user_create(username=USERNAME, role="admin", password=PASSWORD)
    yield {"warga": warga}
    with village_context(village):
        SuratKeluar.objects.filter(nama_warga=warga.nama).delete()
        PenomoranSurat.objects.all().delete()
        Penandatanganan.objects.all().delete()
        PengaturanTte.objects.all().delete()
        Penduduk.objects.filter(pk=warga.pk).delete()
        Keluarga.objects.filter(pk=warga.keluarga_id).delete()
        get_user_model().objects.filter(username=USERNAME).delete()


def test_admin_makes_a_test_certificate_and_the_letter_verifies(
    browser, page, live_host, village, tte_scene
):
    from village_apps.surat import services
    from village_apps.surat.models import FormatSurat, SuratKeluar

    page.goto(live_host("/akun/masuk/?next=/surat/kelola/tte/", village))
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/surat/kelola/tte/")
    page.fill("#id_nama", KEPALA_DESA)
    with page.expect_navigation():
        page.click("button:has-text('Buat sertifikat uji')")
    assert "Sertifikat uji dari CA lokal dibuat." in page.inner_text("body")
    assert page.inner_text("[data-pemegang]") == KEPALA_DESA
    screenshot(page, "tte-pengaturan")

    with village_context(village):
        surat = services.surat_issue(
            format_surat=FormatSurat.objects.get(slug="keterangan-domisili"),
            penduduk=tte_scene["warga"],
            isian={"form_keperluan": "bank"},
        )
    page.goto(live_host(f"/surat/verifikasi/{surat.token}/", village))
    tte = page.inner_text(".verifikasi-tte")
    assert "Tanda tangan elektronik: valid" in tte
    assert KEPALA_DESA in tte and "Balai CA Lokal (uji coba)" in tte
    screenshot(page, "tte-verifikasi-valid")

    with village_context(village):
        content = bytearray(bytes(SuratKeluar.objects.get(pk=surat.pk).pdf))
        at = content.index(b"/Type /Page")
        content[at + 2] ^= 0x20
        SuratKeluar.objects.filter(pk=surat.pk).update(pdf=bytes(content))
    page.reload()
    assert "Surat tidak valid" in page.inner_text("h1")
    assert "tidak valid" in page.inner_text(".verifikasi-tte")

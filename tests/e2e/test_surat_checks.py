"""Issue 18, finding 7 in a real browser: the village admin uploads the logo and the
office's address in Profil desa but has not set the village head; the letter page shows
the letterhead with both and says why the letter can not go out; issuing is refused
and stores nothing; once the head is set, the letter is issued."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tenants.context import village_context
from tests.e2e.conftest import screenshot
from tests.village_apps.surat.helpers import pdf_text, penduduk_make

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "sandi-admin-e2e-surat-123"
PROFIL_FIELDS = ("alamat_kantor", "kode_pos", "telepon", "email", "nama_kepala_desa", "logo")


@pytest.fixture
def checks_scene(village):
    from django.contrib.auth import get_user_model

    from village_apps.akun.services import village_user_create
    from village_apps.keluarga.models import Keluarga
    from village_apps.penduduk.models import Penduduk
    from village_apps.profil.models import Aparatur, ProfilDesa
    from village_apps.surat.models import (
        FormatSurat,
        PengaturanSurat,
        PenomoranSurat,
        SuratKeluar,
    )

    with village_context(village):
        profil = ProfilDesa.objects.get(pk=1)
        saved = {f: getattr(profil, f) for f in PROFIL_FIELDS if f != "logo"}
        PengaturanSurat.objects.update_or_create(pk=1, defaults={"ttd_nama": ""})
        signers = list(Aparatur.objects.filter(aktif=True).values_list("pk", flat=True))
        Aparatur.objects.filter(pk__in=signers).update(aktif=False)
        domisili = FormatSurat.objects.get(slug="keterangan-domisili").pk
        warga = penduduk_make(nama="Wulan Sari Dewi", pendidikan_kk_id=5)
        village_user_create(username="admin-e2e-surat", role="admin", password=PASSWORD)
        letters = SuratKeluar.objects.count()
    yield {"warga": warga, "letters": letters, "format": domisili}
    with village_context(village):
        Aparatur.objects.filter(pk__in=signers).update(aktif=True)
        profil = ProfilDesa.objects.get(pk=1)
        if profil.logo:
            profil.logo.delete(save=False)
        ProfilDesa.objects.filter(pk=1).update(logo="", **saved)
        SuratKeluar.objects.filter(nama_warga=warga.nama).delete()
        PenomoranSurat.objects.all().delete()
        Penduduk.objects.filter(pk=warga.pk).delete()
        Keluarga.objects.filter(pk=warga.keluarga_id).delete()
        get_user_model().objects.filter(username="admin-e2e-surat").delete()


def _logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 300), (22, 101, 52, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_letter_without_signer_is_refused_then_issued_with_logo_and_address(
    browser, page, live_host, village, checks_scene
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_host("/akun/masuk/?next=/kelola/profil/", village))
    page.fill("#id_username", "admin-e2e-surat")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/kelola/profil/")

    # Profil desa: office address and logo, but no village head.
    page.fill("#id_alamat_kantor", "Jl. Raya Hajimena No. 1")
    page.fill("#id_kode_pos", "35362")
    page.fill("#id_telepon", "0721-123456")
    page.fill("#id_email", "kantor@hajimena.desa.id")
    page.fill("#id_nama_kepala_desa", "")
    page.set_input_files(
        "#id_logo", {"name": "logo.png", "mimeType": "image/png", "buffer": _logo()}
    )
    page.click("form.narrow button[type=submit]")
    page.wait_for_url("**/kelola/profil/")

    # The letter page: the HTML preview has the letterhead; the problem is said.
    page.goto(
        live_host(
            f"/surat/kelola/buat/?format={checks_scene['format']}&q={checks_scene['warga'].nama}",
            village,
        )
    )
    with page.expect_navigation():  # the letter page, not the search page it leaves
        page.click("text=Pilih")
    kop = page.locator(".lembar-layar .kop")
    assert kop.locator("img[alt=Logo]").count() == 1
    assert kop.locator("img[alt=Logo]").evaluate("img => img.naturalWidth") > 0  # not broken
    assert "Jl. Raya Hajimena No. 1, Kode Pos 35362" in kop.inner_text()
    assert "Penanda tangan belum ditentukan" in page.inner_text(".masalah-surat")
    page.fill("#id_form_keperluan", "pengajuan kur bank")
    page.click("button[value=terbitkan]")
    assert "Surat tidak diterbitkan" in page.inner_text("main")
    screenshot(page, "surat-ditolak-tanpa-penanda-tangan")
    with village_context(village):
        from village_apps.surat.models import SuratKeluar

        assert SuratKeluar.objects.count() == checks_scene["letters"]
    letter_url = page.url

    # The head is set in Profil desa; now the letter goes out.
    page.goto(live_host("/kelola/profil/", village))
    page.fill("#id_nama_kepala_desa", "Suryadi Wijaya")
    page.click("form.narrow button[type=submit]")
    page.goto(letter_url)
    assert page.locator(".masalah-surat").count() == 0
    page.fill("#id_form_keperluan", "pengajuan kur bank")
    page.click("button[value=terbitkan]")
    page.wait_for_url("**/surat/kelola/*/")
    with village_context(village):
        from village_apps.surat.models import SuratKeluar

        surat = SuratKeluar.objects.get(nama_warga=checks_scene["warga"].nama)
    text = pdf_text(bytes(surat.pdf))
    assert "Pengajuan KUR Bank" in text and "Suryadi Wijaya" in text
    assert "Jl. Raya Hajimena No. 1, Kode Pos 35362" in text and "NIP -" not in text
    assert page.console_errors == []

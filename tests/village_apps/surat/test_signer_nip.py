"""The default signer's NIP comes from the village officials (``profil.Aparatur``), never
typed in the letter settings (issue 20): the settings choose an official, and each letter
takes that official's current name, office and NIP."""

from __future__ import annotations

import pytest

from tenants.context import village_context
from village_apps.profil.models import Aparatur
from village_apps.surat import services
from village_apps.surat.selectors import pengaturan_get

pytestmark = pytest.mark.django_db

NIP = "197001012000011001"
SETTINGS = {"format_nomor": "[kode_surat]/[nomor_surat, 3]/[tahun]", "lingkup_nomor": "global"}


@pytest.fixture
def kades(village):
    with village_context(village):
        official = Aparatur.objects.create(
            nama="Hendra Wijaya", nip=NIP, jabatan="Kepala Desa", boleh_ttd=True, urutan=1
        )
    yield official
    with village_context(village):
        Aparatur.objects.filter(pk=official.pk).delete()
        type(pengaturan_get()).objects.filter(pk=1).update(ttd_nama="", ttd_nip="")


def test_the_settings_choose_an_official_and_type_no_nip(village, admin_client, kades):
    page = admin_client.get("/surat/kelola/pengaturan/").content.decode()
    assert 'name="ttd_aparatur"' in page and "Hendra Wijaya" in page
    assert 'name="ttd_nip"' not in page
    response = admin_client.post(
        "/surat/kelola/pengaturan/",
        {**SETTINGS, "ttd_aparatur": kades.pk, "ttd_nip": "999", "ttd_nama": "x"},
    )
    assert response.status_code == 302
    with village_context(village):
        saved = pengaturan_get()
        assert (saved.ttd_nama, saved.ttd_jabatan, saved.ttd_nip) == (
            "Hendra Wijaya",
            "Kepala Desa",
            "",
        )
        assert services.penandatangan_default().nip == NIP
        # A corrected NIP in the officials' data reaches the next letter.
        Aparatur.objects.filter(pk=kades.pk).update(nip="197001012000011002")
        assert services.penandatangan_default().nip == "197001012000011002"
    # The form shows the chosen official again.
    page = admin_client.get("/surat/kelola/pengaturan/").content.decode()
    assert f'value="{kades.pk}" selected' in page


def test_a_signer_who_is_no_official_has_no_nip(village, admin_client, kades):
    response = admin_client.post(
        "/surat/kelola/pengaturan/",
        {
            **SETTINGS,
            "ttd_aparatur": "",
            "ttd_nama": "Pjs. Sutrisno",
            "ttd_jabatan": "Pj. Kepala Desa",
        },
    )
    assert response.status_code == 302
    with village_context(village):
        signer = services.penandatangan_default()
        assert (signer.nama, signer.jabatan, signer.nip) == ("Pjs. Sutrisno", "Pj. Kepala Desa", "")

"""The BSrE provider against a local fake that follows BSrE's documented API v1
(``bsre_fake``): a letter signed by BSrE verifies; its refusals reach the operator as
Indonesian messages and the letter is not issued; only allowed hosts are called."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tenants.context import village_context
from tests.support.builders import KEPALA_DESA
from tests.village_apps.surat.helpers import penduduk_make
from village_apps.surat import services
from village_apps.surat.models import FormatSurat, PenomoranSurat, SuratKeluar
from village_apps.tte import services as tte_services
from village_apps.tte.choices import Penyedia
from village_apps.tte.models import PengaturanTte

from .bsre_fake import CLIENT, FakeBsre

pytestmark = pytest.mark.django_db
NIK = "1801041705800001"


@pytest.fixture
def bsre(settings):
    with FakeBsre() as fake:
        settings.TTE_BSRE_HOSTS = ["127.0.0.1"]
        fake.user_add(nik=NIK, nama=KEPALA_DESA, passphrase="passphrase-kades")
        yield fake


def _settings_post(client, fake, **changes):
    data = {
        "penyedia": "bsre",
        "bsre_url": fake.url,
        "bsre_pengguna": CLIENT[0],
        "bsre_sandi": CLIENT[1],
        "bsre_nama": KEPALA_DESA,
        "bsre_nik": NIK,
        "bsre_passphrase": "passphrase-kades",
        **changes,
    }
    return client.post("/surat/kelola/tte/", data)


def _bsre_choose(*, url: str) -> None:
    tte_services.pengaturan_tte_update(
        penyedia="bsre",
        bsre_url=url,
        bsre_pengguna="a",
        bsre_sandi="b",
        bsre_nik=NIK,
        bsre_passphrase="c",
        bsre_nama=KEPALA_DESA,
    )


def _issue(village) -> SuratKeluar:
    with village_context(village):
        return services.surat_issue(
            format_surat=FormatSurat.objects.get(slug="keterangan-domisili"),
            penduduk=penduduk_make(nama="Ahmad Fauzi"),
            isian={"form_keperluan": "bank"},
        )


def test_letter_signed_through_bsre_verifies(village, bsre, admin_client, village_client):
    assert _settings_post(admin_client, bsre).status_code == 302
    with village_context(village):
        row = PengaturanTte.objects.get()
    assert row.penyedia == Penyedia.BSRE
    assert b"passphrase-kades" not in bytes(row.bsre_passphrase_tersegel)
    surat = _issue(village)
    sent = bsre.requests[-1]
    assert sent["nik"] == NIK and sent["tampilan"] == "invisible"
    assert sent["reason"].startswith("Surat Keterangan Domisili nomor ")
    page = village_client.get(f"/surat/verifikasi/{surat.token}/").content.decode()
    assert 'data-tte="valid"' in page and KEPALA_DESA in page


@pytest.mark.parametrize(
    ("changes", "pesan"),
    [
        ({"bsre_passphrase": "salah"}, "Passphrase BSrE penanda tangan salah."),
        ({"bsre_nik": "1801040000000009"}, "NIK penanda tangan belum terdaftar di BSrE"),
        ({"bsre_sandi": "bukan"}, "Pengguna atau kata sandi klien esign BSrE ditolak."),
    ],
    ids=["passphrase", "nik", "klien"],
)
def test_bsre_refusal_stops_the_issue_with_its_reason(village, bsre, admin_client, changes, pesan):
    assert _settings_post(admin_client, bsre, **changes).status_code == 302
    with pytest.raises(ValidationError) as refused:
        _issue(village)
    assert pesan in " ".join(refused.value.messages)
    with village_context(village):
        assert not SuratKeluar.objects.exists()
        assert not PenomoranSurat.objects.filter(terakhir__gt=0).exists()  # number given back


def test_service_host_must_be_allowed_by_the_platform(village, bsre, admin_client, settings):
    settings.TTE_BSRE_HOSTS = ["esign.lampungselatankab.go.id"]
    response = _settings_post(admin_client, bsre)
    assert response.status_code == 400
    assert "server yang diizinkan platform" in response.content.decode()
    with village_context(village):
        with pytest.raises(ValidationError):
            _bsre_choose(url="http://169.254.169.254/")
    assert bsre.requests == []


def test_unreachable_service_is_said_plainly(village, settings):
    settings.TTE_BSRE_HOSTS = ["127.0.0.1"]
    with village_context(village):
        _bsre_choose(url="http://127.0.0.1:9/")
    with pytest.raises(ValidationError, match="tidak dapat dihubungi"):
        _issue(village)

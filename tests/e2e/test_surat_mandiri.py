"""Acceptance 1 in a real browser: a resident logs in with NIK + PIN and requests a
Surat Keterangan Domisili, the operator approves and issues it, the resident downloads
the PDF, the QR's verification page says valid, and after revocation, revoked."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tenants.context import village_context
from tests.e2e.conftest import domisili_request, screenshot
from tests.village_apps.surat.helpers import penduduk_make

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "sandi-operator-uji-e2e-123"


@pytest.fixture
def scene(village):
    from django.contrib.auth import get_user_model
    from django.core.cache import caches

    caches["ratelimit"].clear()  # rate-limit counters from earlier tests

    from village_apps.akun.services import village_user_create
    from village_apps.keluarga.models import Keluarga
    from village_apps.mandiri.models import Permohonan, PinWarga
    from village_apps.mandiri.services import pin_issue
    from village_apps.penduduk.models import Penduduk
    from village_apps.surat.models import PengaturanSurat, PenomoranSurat, SuratKeluar

    with village_context(village):
        PengaturanSurat.objects.update_or_create(pk=1, defaults={"rantai_persetujuan": []})
        warga = penduduk_make(nama="Siti Rahmawati")
        pin = pin_issue(penduduk_id=warga.pk)
        village_user_create(username="operator-e2e-surat", role="operator", password=PASSWORD)
    yield {"nik": warga.nik, "pin": pin, "nama": warga.nama}
    with village_context(village):
        Permohonan.objects.all().delete()
        PinWarga.objects.all().delete()
        SuratKeluar.objects.all().delete()
        PenomoranSurat.objects.all().delete()
        Penduduk.objects.filter(pk=warga.pk).delete()
        Keluarga.objects.filter(pk=warga.keluarga_id).delete()
        get_user_model().objects.filter(username="operator-e2e-surat").delete()


def test_resident_request_to_verified_and_revoked_letter(browser, page, live_host, village, scene):
    # Resident: NIK + PIN, on a phone-sized screen.
    page.set_viewport_size({"width": 390, "height": 844})
    request_url = domisili_request(
        page, live_host("/mandiri/masuk/", village), nik=scene["nik"], pin=scene["pin"]
    )
    assert page.inner_text(".status-permohonan") == "Sedang diperiksa"
    page.goto(live_host("/mandiri/", village))
    assert scene["nama"] in page.inner_text("h1")
    page.goto(request_url)
    screenshot(page, "surat-mandiri-permohonan")

    # Operator (own browser context): the queue, approve and issue.
    operator = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="id-ID"
    ).new_page()
    operator.goto(live_host("/akun/masuk/?next=/mandiri/kelola/", village))
    operator.fill("#id_username", "operator-e2e-surat")
    operator.fill("#id_password", PASSWORD)
    operator.click("button[type=submit]")
    operator.goto(live_host("/mandiri/kelola/", village))
    operator.click("table tbody tr >> nth=0 >> a")
    operator.click("text=Setujui dan terbitkan")
    assert operator.inner_text(".status-permohonan") == "Siap diambil"
    operator.click("text=Lihat surat")
    nomor = operator.inner_text(".nomor-surat")
    verify_href = operator.get_attribute("text=Halaman verifikasi", "href")
    assert verify_href.startswith("/surat/verifikasi/") and len(verify_href) > 60

    # Resident downloads the PDF.
    page.goto(request_url)
    assert page.inner_text(".status-permohonan") == "Siap diambil"
    with page.expect_download() as info:
        page.click("text=Unduh surat (PDF)")
    content = open(info.value.path(), "rb").read()  # noqa: PTH123
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "SURAT KETERANGAN DOMISILI" in text and nomor in text
    assert "SITI RAHMAWATI" in " ".join(text.split()).upper()

    # The QR's URL (same token as printed) says valid.
    page.goto(live_host(verify_href, village))
    assert page.inner_text("h1") == "Surat valid"
    assert "Si** Ra*******" in page.content()
    screenshot(page, "surat-verifikasi-valid")

    # Operator revokes; the page now says revoked.
    operator.fill("#id_alasan", "Data alamat keliru")
    operator.click("text=Cabut surat")
    page.goto(live_host(verify_href, village))
    assert page.inner_text("h1") == "Surat telah dicabut"
    assert "Data alamat keliru" in page.content()
    screenshot(page, "surat-verifikasi-dicabut")
    assert page.console_errors == []
    operator.context.close()

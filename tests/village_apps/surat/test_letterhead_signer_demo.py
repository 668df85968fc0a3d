"""Letterhead logo, chosen signer, demo loader, and isolation between villages."""

from __future__ import annotations

import io

import pytest
import segno
from django.core.files.base import ContentFile
from pypdf import PdfReader

from tenants.context import village_context
from village_apps.profil.models import Aparatur, ProfilDesa
from village_apps.surat import services
from village_apps.surat.demo import load_demo_village
from village_apps.surat.models import FormatSurat, SuratKeluar

from .helpers import penduduk_make

pytestmark = pytest.mark.django_db


def _images(content: bytes) -> int:
    page = PdfReader(io.BytesIO(content)).pages[0]
    return len(page.images)


def test_letterhead_has_village_logo_and_chosen_signer(village):
    with village_context(village):
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        warga = penduduk_make()
        plain = services.surat_preview(
            format_surat=fmt, penduduk=warga, isian={"form_keperluan": "x"}
        )
        profil = ProfilDesa.objects.get(pk=1)
        buffer = io.BytesIO()
        segno.make("logo").save(buffer, kind="png", scale=5)
        profil.logo.save("logo-uji.png", ContentFile(buffer.getvalue()), save=True)
        try:
            sekdes = Aparatur.objects.create(
                nama="Rudi Hartono", nip="1987", jabatan="Sekretaris Desa", boleh_ttd=True
            )
            surat = services.surat_issue(
                format_surat=fmt,
                penduduk=warga,
                isian={"form_keperluan": "x"},
                aparatur_id=sekdes.pk,
            )
        finally:
            profil.logo.delete(save=True)
    content = bytes(surat.pdf)
    assert _images(plain) == 0  # preview: no logo yet, no QR
    assert _images(content) == 2  # the logo and the QR
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split()
    )
    assert "Rudi Hartono" in text and "Kepala Desa Hajimena Sekretaris Desa" in text
    assert surat.ttd_nama == "Rudi Hartono"


def test_demo_loader_is_idempotent(village):
    with village_context(village):
        penduduk_make(nama="Warga Demo")
        load_demo_village(village=village)
        load_demo_village(village=village)
        assert SuratKeluar.objects.count() == 1
        assert FormatSurat.objects.filter(sumber="balai").count() == 7


def test_token_of_one_village_is_not_valid_in_another(village, village_b, client):
    with village_context(village):
        surat = services.surat_issue(
            format_surat=FormatSurat.objects.get(slug="keterangan-domisili"),
            penduduk=penduduk_make(),
            isian={"form_keperluan": "x"},
        )
    assert (
        client.get(f"/surat/verifikasi/{surat.token}/", HTTP_HOST=village.host).status_code == 200
    )
    other = client.get(f"/surat/verifikasi/{surat.token}/", HTTP_HOST=village_b.host)
    assert other.status_code == 404 and "Surat tidak valid" in other.content.decode()

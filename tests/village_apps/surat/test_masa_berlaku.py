"""A letter's validity period (``masa_berlaku``): the editor refuses what overflows a
date (it allowed 32,767, the field's limit), and a row saved before that rule makes
issuing answer with a message, never a 500, and take no number."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tenants.context import village_context
from village_apps.surat.forms import FormatSuratForm
from village_apps.surat.models import FormatSurat, PenomoranSurat, SuratKeluar

from .helpers import format_editor_data, penduduk_make

pytestmark = pytest.mark.django_db

DATA = format_editor_data(
    nama="Keterangan Uji Masa",
    slug="uji-masa",
    isi="<p>[nama] berlaku [mulai_berlaku] – [berlaku_sampai]</p>",
    satuan_berlaku="y",
)


@pytest.mark.parametrize("nilai", ["101", "32767"])
def test_editor_refuses_a_period_past_the_limit(village, admin_client, nilai):
    page = admin_client.post("/surat/kelola/format/baru/", {**DATA, "masa_berlaku": nilai})
    assert page.status_code == 200  # the form again, with its message
    assert "Masa berlaku paling lama 100" in page.content.decode()
    with village_context(village):
        assert not FormatSurat.objects.filter(slug="uji-masa").exists()
        form = FormatSuratForm({**DATA, "masa_berlaku": nilai})
        assert not form.is_valid() and "masa_berlaku" in form.errors


def test_the_longest_period_allowed_issues_a_letter(village, admin_client):
    assert (
        admin_client.post("/surat/kelola/format/baru/", {**DATA, "masa_berlaku": "100"}).status_code
        == 302
    )
    with village_context(village):
        fmt = FormatSurat.objects.get(slug="uji-masa")
        warga = penduduk_make()
    issued = admin_client.post(f"/surat/kelola/buat/{fmt.pk}/{warga.pk}/", {"aksi": "terbitkan"})
    assert issued.status_code == 302
    with village_context(village):
        surat = SuratKeluar.objects.get(format=fmt)
        hari_ini = timezone.localdate()
        assert surat.berlaku_sampai.year == hari_ini.year + 100


@pytest.mark.parametrize("aksi", ["terbitkan", "pratinjau"])
def test_a_saved_overflowing_period_gives_a_message_not_a_500(village, admin_client, aksi):
    with village_context(village):
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        # What the editor used to accept: 32,767 years is past date.max (year 9999).
        FormatSurat.objects.filter(pk=fmt.pk).update(masa_berlaku=32767, satuan_berlaku="y")
        warga = penduduk_make()
    page = admin_client.post(
        f"/surat/kelola/buat/{fmt.pk}/{warga.pk}/", {"aksi": aksi, "form_keperluan": "bank"}
    )
    assert page.status_code == 200
    assert "perbaiki di pengaturan format surat" in page.content.decode()
    with village_context(village):
        assert not SuratKeluar.objects.exists()
        assert not PenomoranSurat.objects.filter(terakhir__gt=0).exists()  # no number taken


def test_opensid_import_clamps_to_the_same_limit():
    from village_apps.surat.services import _opensid_template

    item = {"nama": "X", "masa_berlaku": "32767", "satuan_masa_berlaku": "y"}
    assert _opensid_template(item)["masa_berlaku"] == 100

"""The operators' home: figures and the first-run checklist come from the village's data,
and each step links where it is done only for a role that may open that page."""

from __future__ import annotations

import re

from tenants.context import village_context
from tests.support.builders import penduduk_make, wilayah_make

STEPS = ("profil", "aparatur", "wilayah", "penduduk", "surat")


def _steps(html: str) -> dict[str, bool]:
    found = re.findall(r'data-langkah="(\w+)" data-selesai="([01])"', html)
    return {kode: done == "1" for kode, done in found}


def test_a_new_village_sees_every_step_to_do(admin_client):
    html = admin_client.get("/kelola/").content.decode()
    assert _steps(html) == dict.fromkeys(STEPS, False)
    # Each step links where it is done (the admin may open every one).
    for path in ("/kelola/profil/", "/kelola/profil/aparatur/tambah/", "/kelola/wilayah/"):
        assert f'href="{path}"' in html, path
    assert 'href="/kelola/impor-opensid/"' in html and 'href="/surat/kelola/buat/"' in html


def test_steps_are_done_as_the_data_says(admin_client, village):
    from village_apps.profil.models import Aparatur, ProfilDesa
    from village_apps.surat.models import FormatSurat, SuratKeluar

    with village_context(village):
        ProfilDesa.objects.filter(pk=1).update(
            alamat_kantor="Jl. Raya Hajimena 1", nama_kepala_desa="Suparman"
        )
        Aparatur.objects.create(nama="Suparman", jabatan="Kepala Desa", boleh_ttd=True)
        warga = penduduk_make(keluarga=None)
        wilayah_make()
        done_before_letter = _steps(admin_client.get("/kelola/").content.decode())
        SuratKeluar.objects.create(
            format=FormatSurat.objects.create(nama="Uji", slug="uji-beranda", isi="<p>x</p>"),
            lingkup="x", tahun=2026, nomor_urut=1, nomor="1/2026", token="t" * 43,
            perihal="Uji", tanggal="2026-01-02", penduduk_id=warga.pk, pdf=b"%PDF",
            pdf_sha256="0" * 64,
        )  # fmt: skip
    assert done_before_letter == {**dict.fromkeys(STEPS, True), "surat": False}
    html = admin_client.get("/kelola/").content.decode()
    assert 'data-testid="checklist"' not in html  # everything done: the list goes away


def test_an_operator_is_told_to_ask_the_admin_for_admin_steps(operator_client):
    html = operator_client.get("/kelola/").content.decode()
    assert _steps(html)["profil"] is False
    assert 'href="/kelola/profil/"' not in html  # Profil desa is the admin's page
    assert "Minta admin desa mengerjakannya." in html
    assert 'href="/kelola/wilayah/"' in html


def test_home_figures_link_to_the_waiting_work(operator_client, village):
    from village_apps.pengaduan.models import Pengaduan

    with village_context(village):
        Pengaduan.objects.create(kode_lacak="UJIBRD01", judul="Jalan rusak", isi="Di RT 2")
        Pengaduan.objects.create(kode_lacak="UJIBRD02", judul="Selesai", isi="x", status="selesai")
    html = operator_client.get("/kelola/").content.decode()
    card = re.search(r'data-testid="jumlah-pengaduan"><span>(\d+)</span>', html)
    assert card and card.group(1) == "1"
    assert 'href="/pengaduan/kelola/"' in html

"""English for the population pages (penduduk, keluarga, peristiwa): the resident list
and detail, the family list and the events pages switch to English with the language
cookie and stay Indonesian without it."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from tenants.context import village_context
from tests.support.builders import village_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_and_resident(village, operator):
    """The village operator and one resident, head of a new family."""
    from village_apps.keluarga.services import keluarga_create
    from village_apps.penduduk.services import penduduk_create

    with village_context(village):
        keluarga = keluarga_create(no_kk="1801040101010001", alamat="Jl. Kenanga 7")
        hasil = penduduk_create(
            data={
                "nama": "Sutrisno",
                "sex": 1,
                "agama_id": 1,
                "tanggallahir": date(1980, 1, 1),
                "kk_level": 1,
                "keluarga": keluarga,
            }
        )
    return operator, hasil.penduduk


def _client(village, user, *, english: bool) -> Client:
    client = village_login(Client(HTTP_HOST=village.host), user, village)
    if english:
        client.cookies["django_language"] = "en"
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_resident_pages_in_english_and_indonesian(village, operator_and_resident):
    user, penduduk = operator_and_resident
    en = _page(_client(village, user, english=True), "/kelola/penduduk/")
    assert "Add resident" in en and "Tambah penduduk" not in en
    assert "<th>Date of birth</th>" in en and "Tgl lahir" not in en
    assert 'placeholder="Name, NIK or KK number"' in en
    assert "Sutrisno" in en  # data stays as it is
    detail = _page(_client(village, user, english=True), f"/kelola/penduduk/{penduduk.pk}/")
    assert "Place and date of birth" in detail and "Tempat, tanggal lahir" not in detail
    assert "Event history" in detail and "Riwayat peristiwa" not in detail
    assert "Initial registration" in detail  # the event's label (model choice)

    idn = _page(_client(village, user, english=False), "/kelola/penduduk/")
    assert "Tambah penduduk" in idn and "Add resident" not in idn
    assert "<th>Tgl lahir</th>" in idn


def test_family_pages_in_english_and_indonesian(village, operator_and_resident):
    user, penduduk = operator_and_resident
    en = _page(_client(village, user, english=True), "/kelola/keluarga/")
    assert "<h1>Families (KK)</h1>" in en and "Keluarga (KK)" not in en
    assert "Head of family" in en and "Kepala keluarga" not in en
    households = _page(_client(village, user, english=True), "/kelola/keluarga/rumah-tangga/")
    assert "Add household" in households and "Tambah rumah tangga" not in households

    idn = _page(_client(village, user, english=False), "/kelola/keluarga/")
    assert "<h1>Keluarga (KK)</h1>" in idn and "Families (KK)" not in idn


def test_event_pages_in_english_and_indonesian(village, operator_and_resident):
    user, _penduduk = operator_and_resident
    en = _page(_client(village, user, english=True), "/kelola/peristiwa/")
    assert "<h1>Population events</h1>" in en and "Peristiwa kependudukan" not in en
    assert "Monthly report" in en and "Event date" in en
    laporan = _page(_client(village, user, english=True), "/kelola/peristiwa/laporan/")
    assert "Residents at start of month" in laporan and "Penduduk awal bulan" not in laporan

    idn = _page(_client(village, user, english=False), "/kelola/peristiwa/")
    assert "<h1>Peristiwa kependudukan</h1>" in idn and "Population events" not in idn
    idn_laporan = _page(_client(village, user, english=False), "/kelola/peristiwa/laporan/")
    assert "Penduduk awal bulan" in idn_laporan

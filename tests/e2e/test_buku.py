"""Buku Administrasi Desa in a real browser: an operator enters a temporary resident,
finds them in the Buku Penduduk Sementara of the month, and prints the book."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from tenants.context import village_context
from tests.village_apps.surat.helpers import pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def operator_buku(village):
    from village_apps.akun.services import village_user_create

    with village_context(village):
        user = village_user_create(
            username="operator-buku", role="operator", password="sandi-kuat-12345"
        )
    yield user
    with village_context(village), connection.cursor() as cur:
        cur.execute("TRUNCATE buku_penduduksementara CASCADE")
        cur.execute("DELETE FROM audit_accessaudit WHERE username = 'operator-buku'")
        cur.execute("DELETE FROM akun_membership WHERE user_id = %s", [user.pk])
        cur.execute("DELETE FROM auth_user WHERE id = %s", [user.pk])


def test_operator_enters_a_temporary_resident_and_prints_the_book(
    page, live_host, village, operator_buku
):
    def url(path):
        return live_host(path, village)

    page.goto(url("/akun/masuk/"))
    page.fill("#id_username", "operator-buku")
    page.fill("#id_password", "sandi-kuat-12345")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.click("nav >> text=Buku administrasi desa")
    page.click("text=Buku Penduduk Sementara")
    page.click("text=Isi data buku ini")
    page.click("text=Tambah penduduk sementara")
    page.fill("#id_nama", "Rahmat Perantau")
    page.select_option("#id_sex", "1")
    page.fill("#id_datang_dari", "Kota Metro")
    page.fill("#id_tanggal_datang", timezone.localdate().isoformat())
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Rahmat Perantau" in page.locator("main table").inner_text()
    page.click("text=Lihat buku")
    table = page.locator("table.buku").inner_text()
    assert "Rahmat Perantau" in table and "Kota Metro" in table
    with page.expect_download() as download:
        page.click("text=Cetak PDF")
    text = pdf_text(Path(download.value.path()).read_bytes())
    assert "BUKU PENDUDUK SEMENTARA" in text and "Rahmat Perantau" in text

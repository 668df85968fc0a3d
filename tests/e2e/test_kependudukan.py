"""Population administration in a real browser (acceptance 4 and 7).

These tests run against the live server in the session village ``hajimena`` and
remove what they created afterwards (transactional tests only flush public tables)."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from tenants.context import village_context
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLES = [
    "peristiwa_logpenduduk",
    "peristiwa_logkeluarga",
    "kelompok_kelompokanggota",
    "penduduk_penduduk",
    "keluarga_keluarga",
    "keluarga_rumahtangga",
    "wilayah_rt",
    "wilayah_rw",
    "wilayah_dusun",
    "penduduk_imporpenduduk",
]


@pytest.fixture
def operator_e2e(village):
    """An operator and a dusun/RT; everything created in the village is removed after."""
    from village_apps.akun.services import village_user_create
    from village_apps.wilayah.services import wilayah_ensure

    with village_context(village):
        user = village_user_create(
            username="operator-e2e", role="operator", password="sandi-kuat-12345"
        )
        wilayah_ensure(dusun="Dusun Krajan", rw="001", rt="002")
    yield user
    with village_context(village), connection.cursor() as cur:
        cur.execute(f"TRUNCATE {', '.join(TABLES)} CASCADE")
        cur.execute("DELETE FROM audit_accessaudit WHERE username = 'operator-e2e'")
        cur.execute("DELETE FROM akun_membership WHERE user_id = %s", [user.pk])
        cur.execute("DELETE FROM auth_user WHERE id = %s", [user.pk])


def _masuk(page, url):
    page.goto(url("/akun/masuk/"))
    page.fill("#id_username", "operator-e2e")
    page.fill("#id_password", "sandi-kuat-12345")
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _laporan(page, url) -> dict[str, int]:
    page.goto(url("/kelola/peristiwa/laporan/"))
    values = {}
    for baris in ("awal", "lahir", "datang", "mati", "pindah", "akhir"):
        cells = page.locator(
            f"tr[data-baris={baris}] td, tr[data-baris={baris}] th"
        ).all_inner_texts()
        values[baris] = int(cells[-1])
    return values


def _tambah_anggota(page, nama: str, sex: str, lahir: str, shdk: str) -> None:
    page.click("text=Tambah anggota")
    page.fill("#id_nama", nama)
    page.select_option("#id_sex", sex)
    page.fill("#id_tanggallahir", lahir)
    page.select_option("#id_agama_id", "1")
    page.select_option("#id_kk_level", shdk)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == nama, page.locator(".errorlist").all_inner_texts()
    page.locator(
        "a", has_text=re.compile(r"^0\d{15}$|^\d{16}$")
    ).first.click()  # back to the family


def test_operator_adds_family_records_birth_and_move_out_and_sees_the_report_change(
    page, live_host, village, operator_e2e
):
    def url(path):
        return live_host(path, village)

    _masuk(page, url)
    before = _laporan(page, url)

    page.goto(url("/kelola/keluarga/tambah/"))
    page.fill("#id_no_kk", "1801040202020001")
    page.fill("#id_alamat", "Jl. Melati No. 7")
    rt = page.locator("#id_wilayah option", has_text="RT 002").first.get_attribute("value")
    page.select_option("#id_wilayah", rt)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Keluarga" in page.locator("h1").inner_text()

    _tambah_anggota(page, "Slamet Riyadi", "1", "1980-03-04", "1")
    _tambah_anggota(page, "Sri Lestari", "2", "1983-07-08", "3")
    _tambah_anggota(page, "Bayu Riyadi", "1", "2008-01-02", "4")
    assert page.locator("table tbody tr").count() == 3
    assert page.locator("text=Kepala keluarga: Slamet Riyadi").count() == 1
    after_family = _laporan(page, url)
    assert after_family["datang"] == before["datang"] + 3
    assert after_family["akhir"] == before["akhir"] + 3

    page.goto(url("/kelola/keluarga/"))
    page.locator("table a").first.click()
    page.click("text=Catat kelahiran")
    page.fill("#id_nama", "Putri Riyadi")
    page.select_option("#id_sex", "2")
    page.fill("#id_tanggallahir", _today(page))
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Putri Riyadi"
    assert "Lahir" in page.locator(".timeline").inner_text()

    page.goto(url("/kelola/penduduk/?q=Bayu"))
    page.click("text=Bayu Riyadi")
    page.click("text=Catat peristiwa")
    page.select_option("#id_kode", "3")
    page.select_option("#id_ref_pindah", "3")
    page.fill("#id_alamat_tujuan", "Bandar Lampung")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "PINDAH" in page.content()

    after = _laporan(page, url)
    assert after["lahir"] == after_family["lahir"] + 1
    assert after["pindah"] == after_family["pindah"] + 1
    assert after["akhir"] == after_family["akhir"]  # one born, one left
    assert (
        after["akhir"]
        == after["awal"] + after["lahir"] + after["datang"] - after["mati"] - after["pindah"]
    )
    screenshot(page, "kependudukan-laporan-bulanan")
    # Only our pages count here: a missing favicon or static file is not this flow's business.
    assert [e for e in page.console_errors if "404" not in e] == []


def _today(page) -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def test_operator_pages_fit_a_375px_phone(browser, live_host, village, operator_e2e):
    from village_apps.penduduk.demo import load_demo_village

    with village_context(village):
        load_demo_village(village=village)
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="id-ID", is_mobile=True
    )
    page = context.new_page()

    def url(path):
        return live_host(path, village)

    _masuk(page, url)
    page.goto(url("/kelola/penduduk/"))
    first = page.locator("table tbody a").first
    detail_href = first.get_attribute("href")
    pages = {
        "penduduk-daftar": "/kelola/penduduk/",
        "penduduk-detail": detail_href,
        "penduduk-tambah": "/kelola/penduduk/tambah/",
        "keluarga-daftar": "/kelola/keluarga/",
        "wilayah": "/kelola/wilayah/",
        "laporan-bulanan": "/kelola/peristiwa/laporan/",
        "impor": "/kelola/penduduk/impor/",
    }
    for name, path in pages.items():
        page.goto(url(path))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (name, overflow)
        screenshot(page, f"kependudukan-375-{name}")
    context.close()

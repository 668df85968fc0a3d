"""Issue 22, acceptance 5 in a real browser: an operator registers the result of a
finished development project as an asset, prints the Buku Inventaris dan Kekayaan Desa
and the asset is on the printed PDF (read back with ``pdftotext``).

Runs against the live server in the session village and removes what it created
(transactional tests only flush public tables)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from tenants.context import village_context
from tests.e2e.conftest import screenshot
from tests.village_apps.surat.helpers import pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

USERNAME = "operator-inventaris-e2e"
PASSWORD = "sandi-kuat-12345"  # noqa: S105 - a test account


@pytest.fixture
def proyek_selesai(village):
    """An operator and a finished project; both, and the asset, removed after."""
    from village_apps.akun.services import village_user_create
    from village_apps.pembangunan.services import proyek_save

    with village_context(village):
        user = village_user_create(username=USERNAME, role="operator", password=PASSWORD)
        proyek = proyek_save(
            nama="Jembatan Gantung Way Sekampung",
            lokasi="Dusun Krajan",
            tahun=timezone.localdate().year,
            sumber_dana=["dd"],
            anggaran=312_500_000,
            progres=100,
        )
    yield proyek
    with village_context(village), connection.cursor() as cur:
        cur.execute("DELETE FROM inventaris_mutasiaset")
        cur.execute("DELETE FROM inventaris_aset")
        cur.execute("DELETE FROM pembangunan_proyek WHERE id = %s", [proyek.pk])
        cur.execute("DELETE FROM audit_accessaudit WHERE username = %s", [USERNAME])
        cur.execute("DELETE FROM akun_membership WHERE user_id = %s", [user.pk])
        cur.execute("DELETE FROM auth_user WHERE id = %s", [user.pk])


def test_operator_registers_a_finished_project_and_prints_the_inventaris_book(
    page, live_host, village, proyek_selesai
):
    def url(path: str) -> str:
        return live_host(path, village)

    page.goto(url("/akun/masuk/"))
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.goto(url("/kelola/"))
    page.click("[data-testid=menu] >> text=Inventaris desa")
    offered = page.locator("[data-testid=proyek-selesai]")
    assert "Jembatan Gantung Way Sekampung" in offered.inner_text()
    offered.locator("text=Catat sebagai aset").click()
    page.wait_for_load_state()
    assert page.input_value("#id_nama") == "Jembatan Gantung Way Sekampung"
    page.select_option("#id_kategori", "D")
    page.fill("#id_tanggal_perolehan", timezone.localdate().isoformat())
    page.click("main form.card button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Jembatan Gantung Way Sekampung"
    assert page.locator("[data-testid=kondisi]").inner_text() == "Baik"

    page.goto(url("/kelola/buku/inventaris-kekayaan-desa/"))
    assert "Jembatan Gantung Way Sekampung" in page.locator("table.buku").inner_text()
    with page.expect_download() as download:
        page.click("text=Cetak PDF")
    content = open(download.value.path(), "rb").read()  # noqa: PTH123, SIM115
    screenshot(page, "inventaris-buku")
    text = pdf_text(content)
    assert "BUKU INVENTARIS DAN KEKAYAAN DESA" in text
    assert "Jembatan Gantung Way Sekampung" in text

"""Issue 20, acceptance 4 in a real browser: a contract manager of Lampung Selatan
invites the camat of Natar; the camat sets a password from the e-mailed link, signs in,
enrols an authenticator (the role requires it), lands on Natar's exact dashboard, sees
its villages' status, opens a village's closed administration book (issue 22), and gets
404 for the neighbouring kecamatan."""

from __future__ import annotations

import base64
import re

import pytest
from django.core import mail
from django_otp.oath import TOTP

from tests.e2e.conftest import screenshot
from tests.e2e.test_dashboard import _rows
from tests.e2e.test_onboarding import link_in_last_mail, staff_login
from tests.support.builders import staff_make

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CAMAT_EMAIL = "camat.natar@contoh.id"
CAMAT_PASSWORD = "Kecamatan-Natar-2026!"


@pytest.fixture
def natar(settings, live_server, village, village_b, village_x):
    from control_plane.dashboards.services import snapshot_store, suppression_refresh

    settings.BALAI_PORT = live_server.url.rsplit(":", 1)[1]
    snapshot_store(village=village, rows=_rows(812, 790, 37))
    snapshot_store(village=village_b, rows=_rows(640, 655, 21))
    snapshot_store(village=village_x, rows=_rows(300, 310, 9))
    suppression_refresh(provinsi_code="18")
    return staff_make("pengelola-natar", "contract_manager", "1801")


@pytest.fixture
def closed_book(village):
    """Hajimena's Buku Induk Penduduk of January 2020, closed (removed after the test:
    the session village outlives it)."""
    from django.db import connection

    from tenants.context import village_context
    from village_apps.buku.registry import Periode, book_get
    from village_apps.buku.services import penutupan_create

    with village_context(village):
        penutupan_create(book=book_get("induk-penduduk"), periode=Periode(2020, 1))
    yield
    with village_context(village), connection.cursor() as cur:
        cur.execute("DELETE FROM buku_penutupanbuku WHERE buku = 'induk-penduduk'")
        cur.execute(
            "DELETE FROM audit_accessaudit WHERE object_type IN ('buku.penutupan', 'buku.buku')"
        )


def _code(secret: str) -> str:
    return f"{TOTP(base64.b32decode(secret)).token():06d}"


def test_manager_invites_a_camat_who_sees_only_natar(natar, closed_book, browser, live_host):
    manager_ctx = browser.new_context(locale="id-ID")
    manager = manager_ctx.new_page()
    staff_login(manager, live_host, natar)
    manager.goto(live_host("/akun/undang/"))
    manager.fill("#id_email", CAMAT_EMAIL)
    manager.fill("#id_name", "Camat Natar")
    manager.select_option("#id_role", "camat")
    manager.fill("#id_region_code", "18.01.04")
    manager.click("main button[type=submit]")
    manager.wait_for_load_state()
    assert CAMAT_EMAIL in manager.content()  # "Undangan terkirim ke …"
    manager_ctx.close()
    assert mail.outbox, "no invitation e-mail"

    camat_ctx = browser.new_context(locale="id-ID")
    camat = camat_ctx.new_page()
    camat.goto(link_in_last_mail(r"http://localhost:\d+/akun/sandi/atur/\S+/"))
    camat.fill("#id_new_password1", CAMAT_PASSWORD)
    camat.fill("#id_new_password2", CAMAT_PASSWORD)
    camat.click("main button[type=submit]")
    camat.wait_for_url(re.compile(r"/akun/masuk/"))

    camat.fill("#id_username", CAMAT_EMAIL)
    camat.fill("#id_password", CAMAT_PASSWORD)
    camat.click("main button[type=submit]")
    # The role needs a second factor: enrol an authenticator before anything else.
    camat.wait_for_url(re.compile(r"/akun/otp/daftar/"))
    secret = camat.locator('[data-testid="totp-secret"]').inner_text().strip()
    camat.fill("#id_token", _code(secret))
    camat.click("main button[type=submit]")

    # Lands on Natar's exact dashboard (the root sends the camat to its home).
    camat.wait_for_url(re.compile(r"/dasbor/wilayah/180104/"))
    assert "Natar" in camat.locator("#region-title").inner_text()
    assert camat.locator("#mode.mode-internal").is_visible()
    assert camat.locator("#total-penduduk").inner_text() == "2.897"
    menu = camat.locator('[data-testid="menu"]').inner_text()
    assert "Desa di wilayah" in menu and "Persetujuan" not in menu
    screenshot(camat, "camat-1-dasbor-kecamatan")

    camat.click("#villages-link")
    camat.wait_for_url(re.compile(r"/dasbor/desa/"))
    rows = camat.locator("table#villages tbody tr")
    assert rows.count() == 2
    assert "Aktif" in rows.first.inner_text()
    screenshot(camat, "camat-2-desa")

    # The closed books of Hajimena: the list, then the book as the village printed it.
    camat.click('[data-testid="books-1801042001"]')
    camat.wait_for_url(re.compile(r"/dasbor/desa/1801042001/buku/"))
    row = camat.locator('tr[data-book="induk-penduduk"][data-periode="2020-01"]')
    assert "Buku Induk Penduduk" in row.inner_text()
    screenshot(camat, "camat-3-buku-ditutup")
    with camat.expect_download() as download:
        row.locator("text=XLSX").click()
    assert download.value.suggested_filename == "1801042001_induk-penduduk_2020-01.xlsx"
    workbook = download.value.path().read_bytes()
    assert workbook.startswith(b"PK")

    # A neighbouring kecamatan, another kabupaten's village: as if they did not exist.
    for path in ("/dasbor/wilayah/180105/", "/dasbor/wilayah/1802012001/"):
        response = camat.goto(live_host(path))
        assert response is not None and response.status == 404, path
    camat_ctx.close()

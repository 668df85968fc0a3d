"""Staf platform in a real browser: an operator signs in with a password and TOTP, opens
the staff list from the menu, moves the camat of Natar to Tanjung Bintang and deactivates
them; the camat, signed in meanwhile in another browser, is sent to the sign-in page on
its next click, and the staff member's page shows both changes in its history."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_onboarding import staff_login
from tests.support.builders import staff_make

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def platform_staff(wilayah, settings, live_server):
    settings.BALAI_PORT = live_server.url.rsplit(":", 1)[1]
    camat = staff_make("camat-natar", "camat", region_code="180104")
    camat.first_name = "Camat Natar"
    camat.save(update_fields=["first_name"])
    return {"ops": staff_make("ops-balai", "ops"), "camat": camat}


def _sign_in(page, live_host, user) -> None:
    """Password and code as a person signs in; ends on the role's home."""
    staff_login(page, live_host, user, home=lambda url: "/akun/" not in url)


def test_operations_move_and_deactivate_a_camat(platform_staff, browser, live_host):
    camat_ctx = browser.new_context(locale="id-ID")
    camat = camat_ctx.new_page()
    _sign_in(camat, live_host, platform_staff["camat"])
    camat.goto(live_host("/dasbor/desa/"))
    assert "/akun/masuk/" not in camat.url

    ops_ctx = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    ops = ops_ctx.new_page()
    _sign_in(ops, live_host, platform_staff["ops"])
    ops.locator('[data-testid="menu"]').get_by_role("link", name="Staf platform").click()
    ops.wait_for_url(re.compile(r"/akun/staf/$"))
    row = ops.locator('tr[data-staff="camat-natar"]')
    expect(row).to_contain_text("Natar, Kabupaten Lampung Selatan (18.01.04)")
    expect(row).to_contain_text("Camat / staf kecamatan")
    screenshot(ops, "staf-1-daftar")

    row.get_by_role("link", name="Camat Natar").click()
    ops.wait_for_url(re.compile(r"/akun/staf/\d+/$"))
    ops.fill("#id_region_code", "18.01.05")
    ops.locator('[data-testid="role-form"] button[type=submit]').click()
    expect(ops.locator(".notice-success")).to_contain_text("Peran dan wilayah disimpan.")
    expect(ops.locator('[data-testid="region"]')).to_have_text(
        "Tanjung Bintang, Kabupaten Lampung Selatan (18.01.05)"
    )

    ops.locator('[data-testid="deactivate"]').click()
    expect(ops.locator(".notice-success")).to_contain_text("semua sesinya sudah diakhiri")
    expect(ops.locator('[data-testid="status"]')).to_have_text("nonaktif")
    history = ops.locator('[data-testid="history"] tbody tr')
    expect(history.nth(0)).to_contain_text("Akun dinonaktifkan")
    expect(history.nth(0)).to_contain_text("1 sesi diakhiri")
    expect(history.nth(1)).to_contain_text("camat 180104 → camat 180105")
    expect(history.nth(1)).to_contain_text("ops-balai")
    screenshot(ops, "staf-2-nonaktif")

    # The camat's open session ended with the deactivation: its next page asks to sign in.
    camat.goto(live_host("/dasbor/desa/"))
    assert "/akun/masuk/" in camat.url
    camat_ctx.close()

    ops.goto(live_host("/akun/staf/?role=camat"))
    expect(ops.locator('tr[data-staff="camat-natar"] .status-akun')).to_have_text("nonaktif")
    ops_ctx.close()

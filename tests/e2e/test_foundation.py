"""The village site and the control plane open in a real browser."""

import pytest

from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_village_home_in_browser(page, live_host, village):
    page.goto(live_host("/", village))
    assert page.locator("h1").inner_text().endswith(village.name)
    assert page.console_errors == []
    screenshot(page, "foundation-village-home")


def test_unknown_village_in_browser(page, live_host):
    response = page.goto(live_host("/").replace("localhost", "tidakada.localhost"))
    assert response.status == 404
    assert "Desa tidak ditemukan" in page.content()

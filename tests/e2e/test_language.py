"""The footer's language switcher in a real browser: a visitor of a (cached) public
village page switches to English and back, without JavaScript errors."""

import pytest
from django.test import Client

from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_the_village_website_to_english_and_back(page, live_host, village_b):
    # Another visitor's request fills the page cache: the browser gets the cached copy.
    Client(HTTP_HOST=village_b.host).get("/")
    response = page.goto(live_host("/", village_b))
    assert response.headers["x-balai-cache"] == "hit"
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("nav >> text=Beranda").count() >= 1

    page.select_option("#language-select", "en")
    page.click("[data-testid=language-switcher] button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("nav >> text=Home").count() >= 1
    assert page.locator("nav >> text=Beranda").count() == 0
    screenshot(page, "website-english")

    # The choice follows the visitor to the next page, then back to Indonesian.
    page.goto(live_host("/statistik/", village_b))
    assert page.locator("html").get_attribute("lang") == "en"
    page.select_option("#language-select", "id")
    page.click("[data-testid=language-switcher] button")
    page.wait_for_load_state()
    assert page.url.endswith("/statistik/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.console_errors == []

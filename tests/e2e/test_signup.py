"""Issue 18, finding 12, in a real browser: a village operator finds the village by typing
part of its name, tells it apart from its namesakes by kecamatan, makes mistakes and
sees every error at once with every choice kept (the village, the subdomain, the typed
values, the proof), corrects them and is signed up — at 1280 px and at 390 px."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from control_plane.onboarding.models import Signup
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signup_site(wilayah, settings, live_server, tmp_path):
    from django.core.cache import caches

    settings.BALAI_PORT = live_server.url.rsplit(":", 1)[1]
    settings.MEDIA_ROOT = tmp_path
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.mark.parametrize("width", [1280, 390])
def test_signup_finds_the_village_by_name_and_shows_every_error_at_once(
    signup_site, browser, live_host, tmp_path, width
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    page = context.new_page()
    errors: list[str] = []
    # A refused form is answered 400 on purpose; anything else in the console is a fault.
    page.on(
        "console",
        lambda m: m.type == "error" and "status of 400" not in m.text and errors.append(m.text),
    )
    proof = tmp_path / "surat-tugas.pdf"
    proof.write_bytes(b"%PDF-1.4\n% surat tugas\n")

    page.goto(live_host("/daftar/"))
    page.fill("#id_desa", "bumi sa")  # part of the name: Bumi Sari, Bumisari, …
    natar = page.locator("label.desa-option", has_text="Kecamatan Natar")
    expect(natar).to_have_count(1)
    expect(page.locator("input[name=code]")).not_to_have_count(0)
    assert page.locator("input[name=code]:checked").count() == 0  # several: the person picks
    natar.click()
    expect(page.locator("#id_slug")).to_have_value("bumi-sari")

    page.fill("#id_operator_name", "Rina Operator")
    page.fill("#id_email", "rina@bumisari.contoh.id")
    page.fill("#id_phone", "abc")  # a mistake …
    page.fill("#id_position", "Sekretaris desa")
    page.set_input_files("#id_proof", str(proof))
    # … and the consent forgotten.
    page.click("[data-testid=signup-submit]")

    summary = page.locator("[data-testid=error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Nomor telepon tidak valid")
    expect(summary).to_contain_text("syarat layanan dan kebijakan privasi")
    expect(summary.locator("li")).to_have_count(2)  # both at once, nothing else
    screenshot(page, f"signup-errors-{width}")
    # Every choice is kept.
    expect(page.locator("input[name=code][value='1801042009']")).to_be_checked()
    expect(page.locator("#id_desa")).to_have_value("bumi sa")
    expect(page.locator("#id_slug")).to_have_value("bumi-sari")
    expect(page.locator("#id_operator_name")).to_have_value("Rina Operator")
    expect(page.locator("#id_email")).to_have_value("rina@bumisari.contoh.id")
    expect(page.locator("#id_phone")).to_have_value("abc")
    expect(page.locator("#id_position")).to_have_value("Sekretaris desa")
    expect(page.locator("[data-testid=proof-kept]")).to_contain_text("surat-tugas.pdf")
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"{overflow}px wide at {width}px"

    # The consent links to the terms, which open beside the form.
    terms = page.locator(".consent a", has_text="Syarat layanan")
    assert terms.get_attribute("href") == "/daftar/syarat-layanan/"

    page.fill("#id_phone", "0812 3456 7890")
    page.check("#id_consent")
    page.click("[data-testid=signup-submit]")
    page.wait_for_url(re.compile(r"/daftar/status/"))
    expect(page.locator("[data-testid=signup-status]")).to_have_text("Menunggu verifikasi e-mail")
    signup = Signup.objects.get()
    assert (signup.code, signup.slug, signup.phone) == ("1801042009", "bumi-sari", "081234567890")
    assert signup.proof.read().startswith(b"%PDF")
    assert mail.outbox[-1].to == ["rina@bumisari.contoh.id"]
    assert errors == []
    context.close()

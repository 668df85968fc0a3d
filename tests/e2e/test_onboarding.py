"""Onboarding in a real browser (acceptance 2):
(a) a contract manager invites a village; its operator signs up through the link (which
    proves the e-mail: no second verification), is approved automatically, opens the
    new subdomain and logs in through the set-password link;
(b) an uninvited sign-up with proof, its village found by typing its name and
    kecamatan, is approved by the contract manager after the e-mail that says it waits;
(c) a contract manager of another kabupaten can neither see nor approve it.
The provisioning task runs in the real procrastinate worker, inline in this thread.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tenants import routing, schema
from tenants.models import Village
from tests.control_plane.onboarding.helpers import (
    PASSWORD,
    make_contract,
    make_staff,
    totp_now,
)
from tests.e2e.conftest import screenshot
from tests.support.worker import worker_run_in_thread

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SLUGS = ("merak-batin", "tanjung-sari")


@pytest.fixture
def platform(wilayah, settings, live_server, tmp_path):  # noqa: F811 - pytest fixture
    settings.BALAI_PORT = live_server.url.rsplit(":", 1)[1]
    settings.MEDIA_ROOT = tmp_path
    for slug in SLUGS:
        schema.schema_drop("v_" + slug.replace("-", "_"))
    routing.cache.clear()
    manager = make_staff("pengelola-lamsel", "contract_manager", "1801")
    other = make_staff("pengelola-lamteng", "contract_manager", "1802")
    make_contract("1801", manager)
    make_contract("1802", other)
    yield {"manager": manager, "other": other}
    for slug in SLUGS:
        Village.objects.filter(slug=slug).delete()
        schema.schema_drop("v_" + slug.replace("-", "_"))
    routing.cache.clear()


def run_worker() -> None:
    """Run the real worker until the provisioning queue is empty (own thread: Playwright
    holds this thread's event loop)."""
    worker_run_in_thread(queues=["provisioning"], timeout=60)


def link_in_last_mail(pattern: str) -> str:
    for message in reversed(mail.outbox):
        match = re.search(pattern, message.body)
        if match:
            return match.group(0)
    raise AssertionError(f"no e-mail with {pattern}")


def staff_login(page, live_host, user, home=re.compile(r"/daftar/persetujuan/")) -> None:
    """Password, then the authenticator's code, as a person does; waits for ``home``
    (a contract manager's: the sign-up approvals)."""
    page.goto(live_host("/akun/masuk/"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/akun/otp/"))
    page.fill("#id_token", totp_now(user))
    page.click("main button[type=submit]")  # the header's is Keluar (log out)
    page.wait_for_url(home)


def fill_operator(page, name: str) -> None:
    page.fill("#id_operator_name", name)
    page.fill("#id_phone", "081234567890")
    page.fill("#id_position", "Sekretaris desa")
    page.check("#id_consent")


def test_onboarding_flows(platform, browser, live_host, tmp_path):
    manager_ctx = browser.new_context(locale="id-ID")
    manager_page = manager_ctx.new_page()
    staff_login(manager_page, live_host, platform["manager"])

    # (a) invitation → sign-up → verification → automatic approval → live subdomain.
    manager_page.goto(live_host("/daftar/undangan/"))
    manager_page.fill("#id_one-code", "18.01.04.2007")
    manager_page.fill("#id_one-email", "operator.merak@contoh.id")
    manager_page.click("[data-testid=invite]")
    assert "Undangan terkirim" in manager_page.content()
    invite_link = link_in_last_mail(r"http://\S+/daftar/\?undangan=\S+")

    op = browser.new_context(locale="id-ID").new_page()
    op.goto(invite_link)
    assert op.input_value("#id_slug") == "merak-batin"
    fill_operator(op, "Siti Operator")
    op.click("button[type=submit]")
    op.wait_for_url(re.compile(r"/daftar/status/"))
    assert op.locator("[data-testid=signup-status]").inner_text() == "Disetujui, sedang disiapkan"
    assert not any("/daftar/verifikasi/" in m.body for m in mail.outbox)
    run_worker()
    # The status page polls with htmx until the village is active.
    op.wait_for_selector("[data-testid=village-url]", timeout=10_000)
    screenshot(op, "onboarding-a-active")
    set_password = link_in_last_mail(r"http://merak-batin\.localhost:\d+/akun/atur-sandi/\S+/")
    op.goto(set_password)
    op.fill("#id_new_password1", "Sandi-Desa-Merak-2026")
    op.fill("#id_new_password2", "Sandi-Desa-Merak-2026")
    op.click("button[type=submit]")
    op.wait_for_url(re.compile(r"merak-batin\.localhost:\d+/akun/masuk/"))
    op.fill("#id_username", "admin")
    op.fill("#id_password", "Sandi-Desa-Merak-2026")
    op.click("button[type=submit]")
    op.wait_for_load_state()
    assert "/akun/masuk/" not in op.url
    assert op.console_errors == [] if hasattr(op, "console_errors") else True

    # (b) an uninvited sign-up with proof.
    proof = tmp_path / "surat-tugas.pdf"
    proof.write_bytes(b"%PDF-1.4\n% surat tugas\n")
    errors: list[str] = []
    op2 = browser.new_context(locale="id-ID").new_page()
    op2.on("console", lambda m: m.type == "error" and errors.append(m.text))
    op2.goto(live_host("/daftar/"))
    op2.fill("#id_desa", "tanjung sari natar")  # 25 villages are called Tanjung Sari
    expect(op2.locator("input[name=code][value='1801042008']")).to_be_checked()
    expect(op2.locator("#id_slug")).to_have_value("tanjung-sari")
    fill_operator(op2, "Budi Operator")
    op2.fill("#id_email", "operator.tanjung@contoh.id")
    op2.set_input_files("#id_proof", str(proof))
    op2.click("button[type=submit]")
    op2.wait_for_url(re.compile(r"/daftar/status/"))
    op2.goto(link_in_last_mail(r"http://\S+/daftar/verifikasi/\S+/"))
    assert op2.locator("[data-testid=signup-status]").inner_text() == "Menunggu persetujuan"
    waiting = next(m for m in reversed(mail.outbox) if "menunggu persetujuan" in m.subject)
    assert waiting.to == [platform["manager"].email]
    assert errors == []
    pending = Village.objects.get(slug="tanjung-sari")
    assert pending.status == "pending"

    # (c) the manager of another kabupaten sees nothing and cannot open or approve it.
    other = browser.new_context(locale="id-ID").new_page()
    staff_login(other, live_host, platform["other"])
    assert "Tanjung Sari" not in other.content()
    assert other.locator("[data-testid=empty]").count() == 1
    signup_pk = pending.signup.pk
    response = other.goto(live_host(f"/daftar/persetujuan/{signup_pk}/"))
    assert response.status == 404
    status = other.request.post(
        live_host(f"/daftar/persetujuan/{signup_pk}/"), form={"action": "approve"}
    )
    assert status.status in (403, 404)
    pending.refresh_from_db()
    assert pending.status == "pending"

    # (b, continued) the right manager approves; the worker makes the village live.
    # The manager follows the e-mail that said the sign-up waits.
    manager_page.goto(re.search(r"http://\S+/daftar/persetujuan/\d+/", waiting.body).group(0))
    manager_page.click("[data-testid=approve]")
    manager_page.wait_for_url(re.compile(r"/daftar/persetujuan/$"))
    run_worker()
    op2.wait_for_selector("[data-testid=village-url]", timeout=10_000)
    screenshot(op2, "onboarding-b-active")
    assert Village.objects.get(slug="tanjung-sari").status == "active"
    assert op2.goto(live_host("/", Village.objects.get(slug="tanjung-sari"))).status == 200
    manager_ctx.close()

"""Acceptance 1: every persona finds and finishes its work by clicking links only.

Each persona starts from its landing page (after signing in where it signs in) and
reaches every page of its flow by clicking: every entry of its menu, and the pages
behind them its work needs. The only typed address is the first one; a link that
arrives by e-mail is clicked in a page that shows the e-mail, as a mail client would.
Each flow runs at 1280 px and at 390 px (a phone); at 390 px no page may be wider than
the screen and the folded menu must leave the first screen to the page.

One browser serves the whole module (a new context per test); the villages' data is
the demo's (``manage.py demo``), loaded once into a village of this module.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator

import pytest
from django.core import mail
from playwright.sync_api import expect

from tenants.context import village_context
from tests.conftest import _ensure_village
from tests.e2e.conftest import chromium_launched, screenshot
from tests.support.worker import worker_run_in_thread

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = [pytest.param(1280, id="desktop"), pytest.param(390, id="phone")]
PHONE_HEIGHT = 844
PERSONA_VILLAGE = {"code": "1801042003", "name": "Pemanggilan", "slug": "pemanggilan"}
ADMIN_PASSWORD = "sandi-admin-uji-123"  # what tests.conftest._ensure_village sets
COMPLAINT = "Jalan berlubang di RT 002"


# --- one browser, one demo village -------------------------------------------------------


@pytest.fixture(scope="module")
def persona_browser() -> Iterator:
    """One browser for the module: its tests run the provisioning worker only in a
    thread of its own (``worker_run_in_thread``)."""
    with chromium_launched() as browser:
        yield browser


def _photo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def demo_village(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator:
    """A village of kabupaten 1801 with the demo's data, a complaint with a photo and a
    resident's self-service PIN; dropped with its schema after the module."""
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tenants import routing, schema
    from tenants.models import Village
    from village_apps.contracts import DemoData, facades_offering
    from village_apps.mandiri.services import pin_issue
    from village_apps.penduduk.models import Penduduk
    from village_apps.pengaduan.services import pengaduan_kirim
    from village_apps.surat.models import SuratKeluar

    media = tmp_path_factory.mktemp("media")
    old_media, settings.MEDIA_ROOT = settings.MEDIA_ROOT, str(media)
    with django_db_blocker.unblock():
        from django.db import connection

        connection.set_schema_to_public()  # an earlier test's fixture may have left a village
        village = _ensure_village(PERSONA_VILLAGE)
        with village_context(village):
            for _name, facade in facades_offering(DemoData):
                facade.load_demo_village(village=village)
            pengaduan_kirim(
                judul=COMPLAINT,
                isi="Lubang besar di depan balai RT, berbahaya bagi motor.",
                foto=SimpleUploadedFile("lubang.jpg", _photo(), content_type="image/jpeg"),
            )
            resident = Penduduk.objects.filter(status_dasar=1).order_by("pk").first()
            letter = SuratKeluar.objects.order_by("pk").first()
            extra = {
                "nik": resident.nik,
                "pin": pin_issue(penduduk_id=resident.pk),
                "letter_token": letter.token if letter else "",
            }
        connection.set_schema_to_public()
    village.persona = extra
    yield village
    settings.MEDIA_ROOT = old_media
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        Village.objects.filter(pk=village.pk).delete()
        schema.schema_drop(village.schema_name)
        routing.cache.clear()


# The innermost elements that reach past the screen's right edge (for the failure message).
WIDER_THAN_SCREEN = """() => [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
  .slice(0, 5).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))"""


class Tour:
    """One persona's browser tab: every arrival is checked (an answer below 400 and, on
    a phone, no page wider than the screen) and recorded."""

    def __init__(self, page, width: int) -> None:
        self.page, self.width, self.seen = page, width, []

    @property
    def phone(self) -> bool:
        return self.width < 900

    def start(self, url: str) -> None:
        self._arrived(self.page.goto(url))

    def click(self, locator) -> None:
        with self.page.expect_navigation() as navigation:
            locator.click()
        self._arrived(navigation.value)

    def link(self, name: str, *, within: str = "main", exact: bool = True) -> None:
        self.click(self.page.locator(within).get_by_role("link", name=name, exact=exact).first)

    def menu_names(self) -> list[str]:
        return [
            text.strip() for text in self.page.locator("details.menu nav a").all_text_contents()
        ]

    def menu(self, name: str) -> None:
        """A menu entry; on a phone the menu is folded first and opened with its button."""
        menu = self.page.locator("details.menu")
        if not menu.evaluate("m => m.open"):
            assert self.phone, "the menu is folded on a wide screen"
            self.page.click("details.menu > summary")
        self.click(menu.locator("nav").get_by_role("link", name=name, exact=True))

    def _arrived(self, response) -> None:
        self.page.wait_for_load_state()
        path = re.sub(r"^https?://[^/]+", "", self.page.url)
        assert response is None or response.status < 400, f"{path}: {response.status}"
        if self.phone:
            wide, screen = self.page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            assert wide <= screen, f"{path} is {wide} px wide on a {screen} px screen: " + str(
                self.page.evaluate(WIDER_THAN_SCREEN)
            )
            folded = self.page.locator("details.menu")
            if folded.count():
                assert not folded.evaluate("m => m.open"), f"{path}: menu unfolded"
                bottom = folded.evaluate("m => m.getBoundingClientRect().bottom")
                assert bottom < 0.2 * PHONE_HEIGHT, f"{path}: menu ends at {bottom} px"
        self.seen.append(path)

    def every_menu_entry(self) -> list[str]:
        names = self.menu_names()
        assert names, "no menu"
        for name in names:
            self.menu(name)
            assert self.page.locator("details.menu nav a[aria-current]").text_content() == name
        return names


@pytest.fixture
def tour_at(persona_browser) -> Iterator:
    contexts = []

    def make(width: int) -> Tour:
        height = PHONE_HEIGHT if width < 900 else 900
        context = persona_browser.new_context(
            viewport={"width": width, "height": height}, locale="id-ID"
        )
        contexts.append(context)
        return Tour(context.new_page(), width)

    yield make
    for context in contexts:
        context.close()


def open_mail(tour: Tour, pattern: str, name: str) -> None:
    """The last e-mail with a link matching ``pattern``, shown as a mail client shows it;
    its link clicked."""
    for message in reversed(mail.outbox):
        found = re.search(pattern, message.body)
        if found:
            body = html.escape(message.body).replace(
                html.escape(found.group(0)), f'<a href="{html.escape(found.group(0))}">{name}</a>'
            )
            tour.page.set_content(f"<main><pre>{body}</pre></main>")
            tour.link(name)
            return
    raise AssertionError(f"no e-mail with {pattern}")


# --- village operator ---------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_village_operator(width, tour_at, live_host, demo_village):
    tour = tour_at(width)
    tour.start(live_host("/akun/masuk/", demo_village))
    tour.page.fill("#id_username", "admin")
    tour.page.fill("#id_password", ADMIN_PASSWORD)
    tour.click(tour.page.locator("main button[type=submit]"))
    assert tour.seen[-1] == "/kelola/", "an operator lands on the home"
    names = tour.every_menu_entry()
    for wanted in ("Beranda", "Penduduk", "Surat", "Pengaduan", "Profil desa", "Impor OpenSID"):
        assert wanted in names, wanted

    tour.menu("Beranda")
    tour.click(tour.page.locator("[data-testid=jumlah-pengaduan]"))
    tour.click(tour.page.locator("main tr", has_text=COMPLAINT).get_by_role("link"))
    photo = tour.page.locator("[data-testid=foto-pengaduan]")
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 64

    tour.menu("Penduduk")
    tour.click(tour.page.locator("main table tbody a").first)
    tour.menu("Surat")
    tour.link("Buat surat")
    tour.menu("Permohonan warga")
    tour.link("PIN layanan mandiri")
    tour.menu("Peristiwa")
    tour.link("Laporan bulanan")
    tour.menu("Statistik penduduk")
    tour.link("Pengaturan data penduduk")
    tour.menu("Profil desa")
    screenshot(tour.page, f"persona-operator-{width}")


# --- resident / public visitor ------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_resident_and_public_visitor(width, tour_at, live_host, demo_village):
    tour = tour_at(width)
    tour.start(live_host("/", demo_village))
    screenshot(tour.page, f"persona-warga-beranda-{width}")
    header = tour.page.locator("header nav a").all_text_contents()
    for name in header:
        tour.link(name.strip(), within="header nav")
    for name in ("Berita", "Statistik", "APBDes", "Bantuan", "Pembangunan", "Pengaduan"):
        assert name in header, name
    tour.link("Statistik", within="header nav")
    tour.click(tour.page.locator("main a[href^='/statistik/']").first)
    tour.link("Berita", within="header nav")
    tour.click(tour.page.locator("main article a").first)

    # The footer: letter verification, then self-service.
    tour.link("Cek keaslian surat", within="footer")
    if demo_village.persona["letter_token"]:
        tour.page.fill("#id_kode", demo_village.persona["letter_token"])
        tour.click(tour.page.locator("[data-testid=verifikasi-cari] button"))
        assert "/surat/verifikasi/" in tour.seen[-1]
    tour.link("Layanan mandiri warga", within="footer")
    tour.page.fill("#id_nik", demo_village.persona["nik"])
    tour.page.fill("#id_pin", demo_village.persona["pin"])
    tour.click(tour.page.locator("main button[type=submit]"))
    assert tour.seen[-1] == "/mandiri/"
    tour.link("Minta surat", within="header nav")
    tour.link("Beranda", within="header nav")
    assert tour.page.locator("footer").get_by_role("link", name="Masuk operator").count() == 1
    screenshot(tour.page, f"persona-warga-{width}")


# --- control plane: contract manager and operations ---------------------------------------


@pytest.fixture
def control_world(wilayah, live_stripe, demo_village):
    """The demo's staff, contract, plans and invoices (billing on the local
    Stripe-compatible server), for the persona village."""
    from control_plane.accounts.demo import load_demo as staff_demo
    from control_plane.billing.demo import load_demo as billing_demo
    from tenants import routing

    # The pages read the invoices from the database: no webhook may race the demo's
    # own finalize-then-pay (the live server would change the invoice in between).
    live_stripe.webhook_url = None
    billing_demo(villages=[demo_village])
    staff_demo(villages=[demo_village])
    yield
    routing.cache.clear()


def staff_sign_in(tour: Tour, live_host, username: str) -> None:
    from django.contrib.auth import get_user_model

    from control_plane.accounts.demo import DEMO_PASSWORD
    from tests.support.builders import totp_now

    tour.start(live_host("/"))
    tour.link("Masuk", within="header nav")
    tour.page.fill("#id_username", username)
    tour.page.fill("#id_password", DEMO_PASSWORD)
    tour.click(tour.page.locator("main button[type=submit]"))
    tour.page.fill("#id_token", totp_now(get_user_model().objects.get(username=username)))
    tour.click(tour.page.locator("main button[type=submit]"))


def contract_and_invoice(tour: Tour) -> None:
    """From the contract list: the contract, an invoice's tax page, the yearly report."""
    tour.menu("Kontrak dan tagihan")
    tour.click(tour.page.locator("main table a, main li a").filter(has_text="SPK").first)
    contract = tour.seen[-1]
    tour.click(tour.page.locator("main a[href^='/kabupaten/pajak/faktur/']").first)
    tour.click(tour.page.locator(f"main a[href='{contract}']").first)
    tour.click(tour.page.locator("main a[href^='/kabupaten/pajak/laporan/']").first)


@pytest.mark.parametrize("width", WIDTHS)
def test_contract_manager(width, tour_at, live_host, control_world):
    tour = tour_at(width)
    staff_sign_in(tour, live_host, "lamsel@balai.demo")
    assert tour.seen[-1] == "/daftar/persetujuan/", "a manager lands on the approvals"
    screenshot(tour.page, f"persona-pengelola-beranda-{width}")
    names = tour.every_menu_entry()
    for wanted in ("Persetujuan", "Undangan", "Kontrak dan tagihan", "Dasbor", "Keamanan akun"):
        assert wanted in names, wanted
    assert "Desa" not in names and "Ekspor Coretax" not in names
    contract_and_invoice(tour)
    screenshot(tour.page, f"persona-pengelola-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_operations(width, tour_at, live_host, control_world, demo_village):
    tour = tour_at(width)
    staff_sign_in(tour, live_host, "ops@balai.demo")
    assert tour.seen[-1] == "/ops/desa/", "operations land on the villages"
    screenshot(tour.page, f"persona-ops-beranda-{width}")
    names = tour.every_menu_entry()
    for wanted in ("Desa", "Pembaruan armada", "Kesehatan penagihan", "Kontrak dan tagihan"):
        assert wanted in names, wanted
    tour.menu("Desa")
    tour.link(demo_village.name, exact=False)
    contract_and_invoice(tour)
    screenshot(tour.page, f"persona-ops-{width}")


# --- village sign-up applicant ------------------------------------------------------------

APPLICANT = {"code": "1801042004", "email": "operator.persona@contoh.id"}


@pytest.fixture
def applicant_world(wilayah, settings, live_server, tmp_path):
    from tenants import routing, schema
    from tenants.models import Village
    from tests.control_plane.onboarding.helpers import make_contract

    settings.BALAI_PORT = live_server.url.rsplit(":", 1)[1]
    settings.MEDIA_ROOT = tmp_path
    make_contract("1801", auto_approve=True)
    yield
    for village in Village.objects.filter(code=APPLICANT["code"]):
        village.delete()
        schema.schema_drop(village.schema_name)
    routing.cache.clear()


def choose_village(page, code: str) -> None:
    """The sign-up form's village: its Kemendagri code typed into the search field."""
    page.fill("#id_desa", code)
    expect(page.locator(f"input[name=code][value='{code}']")).to_be_checked()


@pytest.mark.parametrize("width", WIDTHS)
def test_village_signup_applicant(width, tour_at, live_host, applicant_world, tmp_path):
    tour = tour_at(width)
    tour.start(live_host("/"))
    tour.link("Daftarkan desa", within="header nav")
    choose_village(tour.page, APPLICANT["code"])
    tour.page.wait_for_function("() => document.querySelector('#id_slug').value !== ''")
    tour.page.fill("#id_operator_name", "Rina Operator")
    tour.page.fill("#id_phone", "081234567890")
    tour.page.fill("#id_position", "Sekretaris desa")
    tour.page.fill("#id_email", APPLICANT["email"])
    proof = tmp_path / "surat-tugas.pdf"
    proof.write_bytes(b"%PDF-1.4\n% surat tugas\n")
    if tour.page.locator("#id_proof").count():
        tour.page.set_input_files("#id_proof", str(proof))
    tour.page.check("#id_consent")
    tour.click(tour.page.locator("main").get_by_role("button", name="Daftar", exact=True))
    assert "/daftar/status/" in tour.seen[-1]

    open_mail(tour, r"http://\S+/daftar/verifikasi/\S+/", "Verifikasi e-mail")
    assert "/daftar/status/" in tour.seen[-1]
    worker_run_in_thread(queues=["provisioning"], timeout=60)
    # The status page follows the sign-up by itself (htmx) until the village is live.
    tour.page.wait_for_selector("[data-testid=village-url]", timeout=15_000)
    tour.click(tour.page.locator("[data-testid=village-url]"))
    open_mail(tour, r"http://\S+/akun/atur-sandi/\S+/", "Atur kata sandi")
    tour.page.fill("#id_new_password1", "Sandi-Desa-Persona-2026")
    tour.page.fill("#id_new_password2", "Sandi-Desa-Persona-2026")
    tour.click(tour.page.locator("main button[type=submit]"))
    tour.page.fill("#id_username", "admin")
    tour.page.fill("#id_password", "Sandi-Desa-Persona-2026")
    tour.click(tour.page.locator("main button[type=submit]"))
    assert tour.seen[-1] == "/kelola/"
    # A new village: the first-run checklist, every step still to do, each a link.
    steps = tour.page.locator("[data-testid=checklist] li")
    assert steps.count() == 5
    assert tour.page.locator("[data-testid=checklist] li[data-selesai='0'] a").count() == 5
    for name in ("Lengkapi profil desa", "Susun wilayah", "Masukkan data penduduk"):
        tour.link(name)
        tour.menu("Beranda")
    screenshot(tour.page, f"persona-pendaftar-{width}")

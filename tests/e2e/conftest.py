"""Browser fixtures: Debian's Chromium driven by Playwright (no browser download).

Villages are reached at ``http://<slug>.localhost:<port>/``; Chromium resolves
``*.localhost`` to loopback by itself, so the live server needs no DNS.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import chromium_path

ARTIFACTS = Path(
    os.environ.get("BALAI_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts")
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@contextlib.contextmanager
def chromium_launched() -> Iterator:
    """Debian's Chromium under Playwright, closed on leaving."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if not path:
        pytest.fail("Chromium is required (BALAI_REQUIRE_E2E=1) but was not found")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def browser():
    """One browser per test: Playwright's sync API keeps an event loop running in the
    test thread while it is open, which would break later tests that call asyncio.run
    (the procrastinate worker) on the same xdist worker. A module whose tests run no
    worker in their own thread may share one (``chromium_launched``)."""
    with chromium_launched() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    pg = context.new_page()
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))  # type: ignore[attr-defined]
    yield pg
    context.close()


@pytest.fixture
def live_host(live_server):
    """Builds URLs for the platform domain or a village on the live server."""
    port = live_server.url.rsplit(":", 1)[1]

    def url(path: str = "/", village=None) -> str:
        host = village.host if village is not None else "localhost"
        return f"http://{host}:{port}{path}"

    return url


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


@pytest.fixture
def live_stripe(settings, live_host):
    """The local Stripe-compatible server, posting its webhooks to the live server."""
    from devtools.stripe_server import StripeServer

    server = StripeServer(
        webhook_url=live_host("/billing/stripe/webhook"), webhook_secret="whsec_e2e"
    ).start()
    settings.STRIPE_SECRET_KEY = "sk_test_e2e"
    settings.STRIPE_API_BASE = server.url
    settings.STRIPE_WEBHOOK_SECRET = "whsec_e2e"
    yield server
    server.stop()


def domisili_request(page, url: str, *, nik: str, pin: str) -> str:
    """A resident signs in with NIK + PIN at ``url`` (the village's ``/mandiri/masuk/``)
    and requests a Surat Keterangan Domisili with both documents; returns the request's
    page URL."""
    page.goto(url)
    page.fill("#id_nik", nik)
    page.fill("#id_pin", pin)
    page.click("button[type=submit]")
    page.wait_for_url("**/mandiri/")
    page.click("text=Minta surat >> nth=0")
    page.click("text=Surat Keterangan Domisili")
    page.fill("#id_form_keperluan", "pembukaan rekening bank")
    pdf_file = {"name": "ktp.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%uji\n"}
    page.set_input_files("#id_syarat_0", pdf_file)
    page.set_input_files("#id_syarat_1", {**pdf_file, "name": "kk.pdf"})
    page.click("text=Kirim permohonan")
    page.wait_for_load_state()
    return page.url

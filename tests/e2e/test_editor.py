"""The WYSIWYG editor of articles and letter templates in a real browser (issue 18,
finding 14 / Build).

An operator writes an article in the editor: bold text typed with the toolbar reaches
the public page as ``<strong>``; a ``<script>`` and an event handler pasted into the
editor's HTML source never do (the server's allowlist cleans whatever the editor
sends). The letter-template form gets the editor with its table and alignment tools.
Without JavaScript the plain textarea still saves. Every page loads only from the
village's own host (the editor is self-hosted) and without console errors (CSP).
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tenants.context import village_context
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

USERNAME = "editor-e2e"
PASSWORD = "sandi-kuat-12345"


@pytest.fixture
def admin_e2e(village_b):
    """An admin of Sidosari (letter templates are the admin's); the articles and the
    account are removed after (transactional tests flush only public tables)."""
    from village_apps.akun.services import village_user_create
    from village_apps.audit.models import AccessAudit
    from village_apps.web.models import Artikel

    with village_context(village_b):
        audit_before = AccessAudit.objects.order_by("-id").values_list("id", flat=True).first()
        user = village_user_create(username=USERNAME, role="admin", password=PASSWORD)
    yield user
    with village_context(village_b):
        Artikel.objects.all().delete()
        AccessAudit.objects.filter(id__gt=audit_before or 0).delete()
        user.delete()


def _sign_in(page, url) -> None:
    page.goto(url("/akun/masuk/"))
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _editor_body(page):
    page.wait_for_selector(".tox-hugerte iframe")
    return page.frame_locator(".tox-hugerte iframe").locator("body")


def _save(page) -> None:
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def _article(village, judul: str):
    from village_apps.web.models import Artikel

    with village_context(village):
        return Artikel.objects.get(judul=judul)


def test_article_and_letter_template_in_the_editor(page, live_host, village_b, admin_e2e):
    def url(path: str) -> str:
        return live_host(path, village_b)

    host = urlparse(url("/")).netloc
    foreign: list[str] = []
    page.on("request", lambda r: urlparse(r.url).netloc != host and foreign.append(r.url))
    _sign_in(page, url)

    # Bold text typed with the toolbar (which speaks Indonesian: the vendored pack).
    page.goto(url("/kelola/web/artikel/baru/"))
    page.fill("#id_judul", "Gotong royong")
    body = _editor_body(page)
    bold = page.locator(".tox-tbtn[aria-label='Tebal']")
    body.click()
    page.keyboard.type("Warga bekerja ")
    bold.click()
    page.keyboard.type("bersama-sama")
    bold.click()
    page.keyboard.type(" membersihkan saluran.")
    assert body.locator("strong").inner_text() == "bersama-sama"
    page.check("#id_terbit")
    screenshot(page, "editor-article")
    _save(page)
    artikel = _article(village_b, "Gotong royong")
    assert "<strong>bersama-sama</strong>" in artikel.isi, artikel.isi
    page.goto(url(f"/berita/{artikel.slug}/"))
    assert page.locator(".isi strong").inner_text() == "bersama-sama"
    screenshot(page, "editor-article-public")

    # A letter template: the same editor with the letter tools, showing the template.
    page.goto(url("/surat/kelola/format/"))
    page.locator("main table a").first.click()
    body = _editor_body(page)
    assert page.locator(".tox-tbtn[aria-label='Rata tengah']").count() == 1
    assert "[" in body.inner_text()  # the template's [kode] fields are there to edit
    screenshot(page, "editor-letter-template")

    assert page.console_errors == []  # type: ignore[attr-defined]
    assert foreign == []


def test_script_through_the_editor_html_is_removed(page, live_host, village_b, admin_e2e):
    def url(path: str) -> str:
        return live_host(path, village_b)

    _sign_in(page, url)
    # Into the editor's HTML source: a script and an event handler.
    page.goto(url("/kelola/web/artikel/baru/"))
    page.fill("#id_judul", "Sumber HTML")
    _editor_body(page)
    page.locator(".tox-tbtn[aria-label='Kode sumber']").click()
    page.locator(".tox-dialog textarea").fill(
        '<p>Awal.</p><script>console.error("xss")</script><p onclick="alert(1)">Selesai.</p>'
    )
    page.locator(".tox-dialog .tox-button:not(.tox-button--secondary)").last.click()
    page.check("#id_terbit")
    _save(page)
    artikel = _article(village_b, "Sumber HTML")
    assert artikel.isi.split() == ["<p>Awal.</p>", "<p>Selesai.</p>"], artikel.isi

    # Past the editor (it removed itself, the textarea is sent as typed): the server's
    # allowlist still cleans it.
    page.goto(url("/kelola/web/artikel/baru/"))
    page.fill("#id_judul", "Tanpa penyunting")
    _editor_body(page)
    page.evaluate(
        """() => { hugerte.remove(); document.querySelector("#id_isi").value =
        '<p><strong>Tebal</strong></p><script>console.error("xss")</script>' +
        '<img src="x" onerror="console.error(2)"><a href="javascript:alert(1)">t</a>'; }"""
    )
    page.check("#id_terbit")
    _save(page)
    artikel = _article(village_b, "Tanpa penyunting")
    assert "<script" not in artikel.isi and "onerror" not in artikel.isi, artikel.isi
    assert "javascript:" not in artikel.isi and "<strong>Tebal</strong>" in artikel.isi
    page.goto(url(f"/berita/{artikel.slug}/"))
    assert page.locator(".isi strong").inner_text() == "Tebal"
    assert page.locator(".isi script, .isi [onerror], .isi a[href^=javascript]").count() == 0
    # Only the browser's own refusal of the handler typed into the editor (CSP), never
    # the script running.
    assert not [e for e in page.console_errors if "xss" in e or e == "2"]  # type: ignore[attr-defined]


def test_without_javascript_the_textarea_still_saves(browser, live_host, village_b, admin_e2e):
    context = browser.new_context(java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    try:
        _sign_in(page, lambda path: live_host(path, village_b))
        page.goto(live_host("/kelola/web/artikel/baru/", village_b))
        page.fill("#id_judul", "Tanpa skrip")
        page.fill("#id_isi", "<p>Tetap <b>bisa</b> disimpan.</p>")
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
    finally:
        context.close()
    from village_apps.web.models import Artikel

    with village_context(village_b):
        assert Artikel.objects.get(judul="Tanpa skrip").isi == "<p>Tetap <b>bisa</b> disimpan.</p>"

"""Issue 16, finding 1 as a class: every PDF Balai renders goes through
``balai_kernel.pdf.pdf_render`` and its fetcher, and every renderer holds with hostile input.

- No module of the project (platform/, tenants/, village_apps/) imports WeasyPrint
  except the entry point; inside it, every document and stylesheet gets the fetcher.
- The fetcher refuses every URL but the bundled fonts (by exact name) and inline images.
- Every function that calls ``pdf_render`` is found in the source and must be listed in
  ``RENDERERS`` with a run through its real callers using hostile input (a template,
  resident data, contract and payment values that name server files); a new renderer
  fails this test until it is listed. Each run must build its documents with the
  fetcher and produce a PDF without the files.
"""

from __future__ import annotations

import ast
import datetime as dt
import secrets
from collections.abc import Callable
from pathlib import Path

import pytest
import weasyprint
from django.db import connection
from django.utils import timezone
from PIL import Image

from balai_kernel import pdf as pdf_engine
from balai_kernel.actor import Actor
from tenants.context import village_context
from tests.security.pdf_isi import (
    ROOT,
    Rahasia,
    environ_marker,
    hostile_body,
    passwd_marker,
    pdf_attachments,
)

pytestmark = pytest.mark.security

SOURCE_DIRS = ("platform", "tenants", "village_apps")
ENTRY_POINT = Path("platform/balai_kernel/pdf.py")


def _modules() -> list[tuple[Path, ast.Module]]:
    out = []
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "/migrations/" in path.as_posix():
                continue
            out.append((path.relative_to(ROOT), ast.parse(path.read_text(encoding="utf-8"))))
    return out


def _weasyprint_uses(tree: ast.Module) -> list[int]:
    """Lines that import WeasyPrint: ``import``, ``from … import``, ``import_module``
    and ``__import__`` with a literal name."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
            a.name.split(".")[0] == "weasyprint" for a in node.names
        ):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "weasyprint":
            lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in {"import_module", "__import__"} and any(
                isinstance(a, ast.Constant) and str(a.value).startswith("weasyprint")
                for a in node.args
            ):
                lines.append(node.lineno)
    return lines


def test_no_module_but_the_entry_point_imports_weasyprint():
    found = {
        f"{path}:{line}"
        for path, tree in _modules()
        if path != ENTRY_POINT
        for line in _weasyprint_uses(tree)
    }
    assert found == set(), f"WeasyPrint outside balai_kernel.pdf (render with pdf_render): {found}"


def test_the_entry_point_gives_every_document_and_stylesheet_the_fetcher():
    tree = ast.parse((ROOT / ENTRY_POINT).read_text(encoding="utf-8"))
    built = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"HTML", "CSS"}
    ]
    assert len(built) >= 2
    for node in built:
        fetcher = [k for k in node.keywords if k.arg == "url_fetcher"]
        assert fetcher and getattr(fetcher[0].value, "id", None) == "_fetcher", node.lineno


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "file://localhost/etc/passwd",
        "file:/etc/passwd",
        f"{pdf_engine.FONT_DIR.as_uri()}/DejaVuSerif.ttf",  # the fonts themselves, as files
        f"{pdf_engine.FONT_DIR.as_uri()}/../../../../../../etc/passwd",
        f"{pdf_engine.FONT_DIR.as_uri()}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "balai-font:../../../../../../etc/passwd",
        "balai-font:/etc/passwd",
        "balai-font:DejaVuSerif.ttf/../../../../etc/passwd",
        "balai-font:LICENSE-DejaVu.txt",
        "http://127.0.0.1:1/",
        "https://contoh.invalid/logo.png",
        "ftp://contoh.invalid/x",
        "data:text/html,<p>x</p>",
        "data:text/css,@import url(file:///etc/passwd);",
        "data:application/octet-stream;base64,AAAA",
        "/etc/passwd",
        "etc/passwd",
        "jar:file:///etc/passwd!/",
    ],
)
def test_fetcher_refuses_everything_but_bundled_fonts_and_inline_images(url):
    with pytest.raises(pdf_engine.PdfResourceRefused):
        pdf_engine.PdfFetcher().fetch(url)


def test_fetcher_serves_bundled_fonts_by_name_and_inline_images():
    fetcher = pdf_engine.PdfFetcher()
    font = fetcher.fetch("balai-font:DejaVuSerif.ttf")
    assert font.read() == (pdf_engine.FONT_DIR / "DejaVuSerif.ttf").read_bytes()
    image = fetcher.fetch("data:image/png;base64,iVBORw0KGgo=")
    assert image.content_type == "image/png" and image.read() == b"\x89PNG\r\n\x1a\n"
    assert fetcher.fetch("DATA:IMAGE/SVG+XML,%3Csvg%2F%3E").read() == b"<svg/>"


# --- Every renderer, with hostile input --------------------------------------------------


def _renderers() -> set[str]:
    """``path:function`` of every function that calls ``pdf_render``."""
    found = set()
    for path, tree in _modules():
        if path == ENTRY_POINT:
            continue
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Call) and "pdf_render" in {
                    getattr(node.func, "id", None),
                    getattr(node.func, "attr", None),
                }:
                    found.add(f"{path}:{func.name}")
    return found


@pytest.fixture
def rahasia(tmp_path) -> Rahasia:
    marker = f"RAHASIA-{secrets.token_hex(8)}"
    text_file = tmp_path / "rahasia.env"
    text_file.write_text(f"SECRET_KEY={marker}\n")
    image_file = tmp_path / "warga.png"
    Image.new("RGB", (9, 7), (3, 141, 59)).save(image_file)
    return Rahasia(
        text_file=text_file,
        image_file=image_file,
        markers=[marker.encode(), passwd_marker(), environ_marker()],
    )


def _short(rahasia: Rahasia) -> str:
    """Hostile markup short enough for a name or number column."""
    return (
        f'<a rel="attachment" href="file://{rahasia.text_file}">a</a>'
        f'<img src="file://{rahasia.image_file}">'
    )


def _letters(rahasia: Rahasia, village) -> list[bytes]:
    """Preview and issue (the operator's and the self-service path both issue through
    ``surat_issue``): a hostile template saved through the model, the same written
    straight to the table, a resident and extra fields full of markup."""
    from tests.village_apps.surat.helpers import penduduk_make
    from village_apps.surat import services
    from village_apps.surat.models import FormatSurat

    short = _short(rahasia)
    body = hostile_body(rahasia) + "<p>[Form_keperluan] [ALAMAT]</p>"
    isian = {"form_keperluan": short}
    spec = [{"kode": "form_keperluan", "nama": "Keperluan"}]
    out = []
    with village_context(village):
        warga = penduduk_make(nama=short[:100], alamat=short[:200])
        saved = FormatSurat.objects.create(
            nama="Uji Renderer", slug="uji-renderer", kode_surat="470", isi=body, kode_isian=spec
        )
        raw = FormatSurat.objects.create(
            nama="Uji Mentah", slug="uji-mentah", kode_surat="470", isi="-", kode_isian=spec
        )
        with connection.cursor() as cur:
            cur.execute("UPDATE surat_formatsurat SET isi = %s WHERE id = %s", [body, raw.pk])
        raw.refresh_from_db()
        for fmt in (saved, raw):
            out.append(services.surat_preview(format_surat=fmt, penduduk=warga, isian=isian))
            out.append(
                bytes(services.surat_issue(format_surat=fmt, penduduk=warga, isian=isian).pdf)
            )
    connection.set_schema_to_public()
    return out


def _government_documents(rahasia: Rahasia, village) -> list[bytes]:
    """BAST and kuitansi of a contract whose buyer name, number, invoice number, village
    names and SP2D number are markup (contract managers and ops type them)."""
    from control_plane.billing.models import Invoice, Payment, Plan
    from control_plane.taxes import government
    from control_plane.taxes.models import Sp2dPayment
    from control_plane.taxes.services import tax_assess
    from tests.control_plane.billing.fixtures import contract_make

    short = _short(rahasia)
    plan = Plan.objects.create(code="uji-pdf", name="Uji", modules=["surat"])
    contract = contract_make(plan=plan, billing_name=short[:200], name=short[:100])
    now = timezone.now()
    invoice = Invoice.objects.create(
        contract=contract, stripe_invoice_id=f"in_{secrets.token_hex(6)}", number=short[:100],
        status="paid", quantity=1, total=1_110_000 * 100, villages=[{"code": "1801042001",
        "name": short[:100]}], period_start=now, period_end=now + dt.timedelta(days=30),
    )  # fmt: skip
    bast = government.bast_generate(invoice=invoice, actor=Actor.named("pytest"))
    assessment = tax_assess(
        invoice_ref=government.invoice_ref_get(invoice),
        fee_idr=1_000_000,
        buyer_kind="government",
        on=timezone.localdate(),
    )
    payment = Payment.objects.create(
        invoice=invoice, amount=assessment.total_idr * 100, method="sp2d",
        reference=short[:100], received_on=timezone.localdate(), recorded_by="pytest",
    )  # fmt: skip
    Sp2dPayment.objects.create(
        invoice=invoice, payment=payment, sp2d_number=short[:100],
        sp2d_date=timezone.localdate(), received_idr=assessment.total_idr, recorded_by="pytest",
    )  # fmt: skip
    return [bytes(bast.pdf), government.kuitansi_pdf(invoice=invoice)]


def _books(rahasia: Rahasia, village) -> list[bytes]:
    """Buku Administrasi Desa: a resident, a temporary resident and a cadre whose
    names and free-text fields are markup, printed in their books."""
    from tests.village_apps.surat.helpers import penduduk_make
    from village_apps.buku.registry import Periode, book_get
    from village_apps.buku.render import book_pdf
    from village_apps.buku.selectors import buku_rows_list
    from village_apps.buku.services import kader_save, penduduk_sementara_save

    short = _short(rahasia)
    today = timezone.localdate()
    out = []
    with village_context(village):
        penduduk_make(nama=short[:100], alamat=short[:200])
        penduduk_sementara_save(
            nama=short[:100], sex=1, datang_dari=short[:200], tanggal_datang=today,
            maksud_tujuan=hostile_body(rahasia)[:200], didatangi=short[:200],
        )  # fmt: skip
        kader_save(
            nama=short[:100], sex=2, bidang=short[:200], pendidikan=hostile_body(rahasia)[:200]
        )
        for slug, periode in (
            ("induk-penduduk", Periode(today.year, today.month)),
            ("penduduk-sementara", Periode(today.year, today.month)),
            ("kader-pemberdayaan-masyarakat", Periode(today.year)),
        ):
            out.append(book_pdf(buku_rows_list(book=book_get(slug), periode=periode)))
    connection.set_schema_to_public()
    return out


RENDERERS: dict[str, Callable[[Rahasia, object], list[bytes]]] = {
    "village_apps/surat/pdf.py:render_pdf": _letters,
    "village_apps/buku/render.py:book_pdf": _books,
    "platform/control_plane/taxes/government.py:_pdf": _government_documents,
}


def test_every_renderer_is_listed_with_a_hostile_run():
    assert _renderers() == set(RENDERERS), (
        "a function renders PDFs through pdf_render without a hostile-input run here"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_renderer_with_hostile_input_uses_the_fetcher_and_embeds_no_file(
    renderer, rahasia, village, monkeypatch
):
    fetchers = []
    for cls in (weasyprint.HTML, weasyprint.CSS):
        original = cls.__init__

        def spy(self, *args, _original=original, **kwargs):
            fetchers.append(kwargs.get("url_fetcher"))
            _original(self, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", spy)
    pdf_engine._css.cache_clear()  # stylesheets parsed earlier would not be seen
    pdfs = RENDERERS[renderer](rahasia, village)
    assert pdfs and all(p[:5] == b"%PDF-" for p in pdfs)
    assert fetchers and all(isinstance(f, pdf_engine.PdfFetcher) for f in fetchers), fetchers
    for content in pdfs:
        assert rahasia.found_in(content) == []
        assert pdf_attachments(content) == {}

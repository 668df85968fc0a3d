"""The one way Balai turns HTML into a PDF (letters, BAST, kuitansi, any later document).

Nothing else in the project imports WeasyPrint (``tests/security/test_pdf_resources.py``
fails the build otherwise). Every document and stylesheet is built here with
``PdfFetcher``, which is the only thing WeasyPrint may ask for a resource:

- no ``file:`` URL at all, whatever its spelling (``..``, ``%2e%2e``, ``FILE:``,
  ``file://localhost``) — the filesystem is never opened for a URL;
- the bundled fonts by exact name (``balai-font:DejaVuSerif.ttf``), served from
  bytes read once from ``fonts/`` — not a path, so nothing can be appended to it;
- ``data:`` URLs only for images (PNG, JPEG, GIF, WebP, SVG; an SVG's own references
  come back through the same fetcher);
- no network (http, https, ftp …), no redirects.

Anything else is refused and the document renders without it: an attachment
(``<a rel=attachment>``), image, stylesheet or font that names a server file is left
out of the PDF. Letter templates are also cleaned to an allowlist before they are
stored (``balai_kernel.html``); this fetcher is what holds even for markup that slipped
past that, and for documents that never pass through it.

Parsed stylesheets and the font configuration are built once per process and reused
(WeasyPrint's own caches then stay warm), which keeps a one-page letter well under
300 ms. WeasyPrint's font configuration is not thread-safe: one render at a time.
"""

from __future__ import annotations

import base64
import functools
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote_to_bytes

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)
# WeasyPrint logs every step at INFO; a document per request would flood the logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class _AddressesHidden(logging.Filter):
    """WeasyPrint names the address it failed to load ("Failed to load image at
    'https://…/NAMA-WARGA.png'"); a letter's HTML is filled with resident fields, so
    any string argument that looks like an address is reduced to its scheme."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                f"{a.partition(':')[0]}:…" if isinstance(a, str) and ":" in a[:12] else a
                for a in record.args
            )
        return True


logging.getLogger("weasyprint").addFilter(_AddressesHidden())

FONT_DIR = Path(__file__).resolve().parent / "fonts"
# Prefix of a bundled font in CSS: ``src: url("balai-font:DejaVuSerif.ttf")``.
FONT_URL = "balai-font:"
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"})


class PdfResourceRefused(ValueError):
    """A document asked for something other than a bundled font or an inline image."""


@functools.cache
def _fonts() -> dict[str, bytes]:
    """The bundled fonts by file name, read once: the fetcher looks names up here and
    never builds a path from a URL."""
    return {path.name: path.read_bytes() for path in FONT_DIR.glob("*.ttf")}


def _data_url(url: str) -> tuple[str, bytes]:
    """``data:[type][;params][;base64],payload`` → (lower-case type, bytes)."""
    header, comma, payload = url[len("data:") :].partition(",")
    if not comma:
        raise PdfResourceRefused("data URL tanpa isi")
    params = [p.strip().lower() for p in header.split(";")]
    raw = unquote_to_bytes(payload)
    body = base64.b64decode(raw) if "base64" in params[1:] else raw
    return params[0] or "text/plain", body


class PdfFetcher(URLFetcher):
    """Bundled fonts from memory and inline images; nothing from disk or network."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(), allow_redirects=False, timeout=1)

    def fetch(self, url, headers=None):  # noqa: ANN001, ANN201 - WeasyPrint's signature
        if url.startswith(FONT_URL):
            font = _fonts().get(url[len(FONT_URL) :])
            if font is not None:
                return URLFetcherResponse(url, font, {"Content-Type": "font/ttf"})
        elif url[:5].lower() == "data:":
            mime, body = _data_url(url)
            if mime in IMAGE_TYPES:
                return URLFetcherResponse(url, body, {"Content-Type": mime})
        # Only the scheme: a letter's HTML is filled with resident fields, so the
        # address itself may carry a name or number (UU PDP: none in logs).
        logger.warning("pdf resource refused: scheme %.16s", url.partition(":")[0])
        raise PdfResourceRefused("Sumber selain fon bawaan dan gambar data: tidak diizinkan.")


_fetcher = PdfFetcher()
_lock = threading.Lock()


@functools.cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.lru_cache(maxsize=64)
def _css(text: str) -> CSS:
    return CSS(string=text, font_config=_font_config(), url_fetcher=_fetcher)


def pdf_render(html: str, *, stylesheets: Sequence[str] = ()) -> bytes:
    """Render a complete HTML document (plus CSS texts) to PDF bytes.

    There is no base URL, so relative references resolve to nothing; every absolute
    one goes through ``PdfFetcher``. Stylesheet texts are parsed once per process
    (a small LRU keyed by the text), so pass fixed CSS rather than per-document CSS
    where you can."""
    with _lock:
        sheets = [_css(text) for text in stylesheets]
        return HTML(string=html, url_fetcher=_fetcher).write_pdf(
            stylesheets=sheets, font_config=_font_config()
        )

"""Letter PDFs with WeasyPrint: bundled fonts, paper from the template, a letterhead
with the village logo, and the verification QR.

The fonts ship in ``fonts/`` (DejaVu Serif), so a letter prints the same on every
server. Parsed stylesheets and the font configuration are built once per process and
reused (WeasyPrint's own caches then stay warm), which keeps a one-page letter well
under 300 ms. Only ``data:`` URIs and the bundled fonts may be fetched: an imported
template can not make the server request other URLs.
"""

from __future__ import annotations

import base64
import functools
import logging
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import segno
from django.utils.html import escape
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from village_apps.surat.choices import UKURAN_MM, Orientasi

# WeasyPrint logs every step at INFO; a letter per request would flood the logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
_FONT_URL_PREFIX = FONT_DIR.as_uri() + "/"

_BASE_CSS = """
@font-face { font-family: "Balai Serif"; src: url("%(fonts)sDejaVuSerif.ttf"); }
@font-face { font-family: "Balai Serif"; font-weight: bold; src: url("%(fonts)sDejaVuSerif-Bold.ttf"); }
@font-face { font-family: "Balai Serif"; font-style: italic; src: url("%(fonts)sDejaVuSerif-Italic.ttf"); }
@font-face { font-family: "Balai Serif"; font-weight: bold; font-style: italic;
             src: url("%(fonts)sDejaVuSerif-BoldItalic.ttf"); }
html { font-family: "Balai Serif"; font-size: 11pt; line-height: 1.35; color: #000; }
body { margin: 0; }
p { margin: 0 0 0.4em 0; }
table { border-collapse: collapse; }
td, th { vertical-align: top; padding: 0 0.15em; }
h1, h2, h3, h4 { margin: 0 0 0.3em 0; }
.kop { display: flex; align-items: center; border-bottom: 3px double #000;
       padding-bottom: 4pt; margin-bottom: 10pt; }
.kop img { width: 22mm; height: 22mm; object-fit: contain; }
.kop .kop-teks { flex: 1; text-align: center; }
.kop .kop-teks div { font-weight: bold; font-size: 13pt; text-transform: uppercase; }
.kop .kop-teks .kop-desa { font-size: 15pt; }
.kop .kop-teks .kop-alamat { font-weight: normal; font-size: 9pt; text-transform: none; }
.qr { width: 26mm; height: 26mm; }
.qr-catatan { font-size: 7.5pt; }
.judul-surat { text-align: center; font-weight: bold; text-decoration: underline; margin: 0; }
.nomor-surat { text-align: center; margin: 0 0 12pt 0; }
.isian td { padding: 1pt 4pt; }
.ttd { width: 100%%; margin-top: 16pt; }
.ttd td { text-align: center; width: 50%%; }
.ttd .ruang { height: 22mm; }
.teks { text-align: justify; text-indent: 30px; }
"""


class _LetterFetcher(URLFetcher):
    """Allow only inline data and the bundled fonts (no network, no other files)."""

    def fetch(self, url, headers=None):  # noqa: ANN001, ANN201 - WeasyPrint's signature
        if url.startswith("data:") or url.startswith(_FONT_URL_PREFIX):
            return super().fetch(url, headers)
        raise ValueError("Sumber eksternal tidak diizinkan dalam surat.")


_fetch = _LetterFetcher(allowed_protocols=("data", "file"), allow_redirects=False)


_lock = threading.Lock()


@functools.cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def _base_css() -> CSS:
    return CSS(
        string=_BASE_CSS % {"fonts": _FONT_URL_PREFIX},
        font_config=_font_config(),
        url_fetcher=_fetch,
    )


@functools.lru_cache(maxsize=64)
def _page_css(
    ukuran: str, orientasi: str, kiri: Decimal, atas: Decimal, kanan: Decimal, bawah: Decimal
) -> CSS:
    width, height = UKURAN_MM[ukuran]
    if orientasi == Orientasi.LANSKAP:
        width, height = height, width
    return CSS(
        string=(
            f"@page {{ size: {width}mm {height}mm; "
            f"margin: {atas}cm {kanan}cm {bawah}cm {kiri}cm; }}"
        ),
        font_config=_font_config(),
    )


@dataclass(frozen=True)
class Halaman:
    """Page setup of a letter (from its template)."""

    ukuran: str = "F4"
    orientasi: str = Orientasi.POTRET
    kiri: Decimal = Decimal(2)
    atas: Decimal = Decimal(1)
    kanan: Decimal = Decimal(2)
    bawah: Decimal = Decimal("1.5")


def qr_img(url: str) -> str:
    """An ``<img>`` with the verification QR as an inline SVG."""
    # PNG, not SVG: WeasyPrint draws a raster QR several times faster than ~600 SVG paths.
    uri = segno.make(url, error="m").png_data_uri(scale=4, border=1)
    return f'<img class="qr" src="{uri}" alt="QR verifikasi">'


def image_data_uri(content: bytes, name: str) -> str:
    suffix = name.rsplit(".", 1)[-1].lower()
    mime = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "svg": "image/svg+xml"}
    return f"data:{mime.get(suffix, 'image/png')};base64,{base64.b64encode(content).decode()}"


def kop_html(*, logo_uri: str, baris: list[str], alamat: str) -> str:
    """The letterhead: logo left, the administrative lines centred, a double rule."""
    logo = f'<img src="{logo_uri}" alt="">' if logo_uri else ""
    lines = "".join(
        f'<div class="{"kop-desa" if i == len(baris) - 1 else ""}">{escape(b)}</div>'
        for i, b in enumerate(baris)
    )
    address = f'<div class="kop-alamat">{escape(alamat)}</div>' if alamat else ""
    return f'<div class="kop">{logo}<div class="kop-teks">{lines}{address}</div></div>'


def render_pdf(body_html: str, *, halaman: Halaman, kop: str = "") -> bytes:
    """Render one letter. ``body_html`` is the merged template (trusted markup only
    reaches it through ``merge.render``)."""
    document = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"></head>'
        f"<body>{kop}{body_html}</body></html>"
    )
    stylesheets = [
        _base_css(),
        _page_css(
            halaman.ukuran,
            halaman.orientasi,
            Decimal(halaman.kiri),
            Decimal(halaman.atas),
            Decimal(halaman.kanan),
            Decimal(halaman.bawah),
        ),
    ]
    # WeasyPrint's font configuration is not thread-safe; one render at a time per process.
    with _lock:
        return HTML(string=document, url_fetcher=_fetch).write_pdf(
            stylesheets=stylesheets, font_config=_font_config()
        )


def warm() -> None:
    """Load fonts and parse stylesheets once (call at start-up to keep the first letter fast)."""
    render_pdf("<p>Balai</p>", halaman=Halaman())

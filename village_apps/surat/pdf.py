"""Letter PDFs: bundled fonts, paper from the template, a letterhead with the village
logo, and the verification QR.

Rendering goes through ``balai_kernel.pdf.pdf_render``, the project's one PDF entry
point: the bundled DejaVu Serif (so a letter prints the same on every server) is
served from memory, inline ``data:`` images are the only other resource a letter can
load, and no template can make the server read a file or request a URL.
"""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import segno
from django.utils.html import escape
from PIL import Image

from balai_kernel.pdf import FONT_URL, pdf_render
from village_apps.surat.choices import UKURAN_MM, Orientasi

# The bundled fonts (PDF only: a browser showing the HTML preview falls back to its
# own serif) and the letter's layout, shared with the preview (``lembar.css``).
_FONT_CSS = """
@font-face { font-family: "Balai Serif"; src: url("%(fonts)sDejaVuSerif.ttf"); }
@font-face { font-family: "Balai Serif"; font-weight: bold; src: url("%(fonts)sDejaVuSerif-Bold.ttf"); }
@font-face { font-family: "Balai Serif"; font-style: italic; src: url("%(fonts)sDejaVuSerif-Italic.ttf"); }
@font-face { font-family: "Balai Serif"; font-weight: bold; font-style: italic;
             src: url("%(fonts)sDejaVuSerif-BoldItalic.ttf"); }
@font-face { font-family: "Balai Mono"; src: url("%(fonts)sDejaVuSansMono.ttf"); }
body { margin: 0; }
"""
LEMBAR_CSS_PATH = Path(__file__).resolve().parent / "static" / "surat" / "lembar.css"
BASE_CSS = _FONT_CSS % {"fonts": FONT_URL} + LEMBAR_CSS_PATH.read_text(encoding="utf-8")
# The attachment forms (``lampiran.py``): each on a named page in the regulation's paper.
LAMPIRAN_CSS = "".join(
    f"@page lampiran-{ukuran.lower()} {{ size: {w}mm {h}mm; margin: 8mm 10mm 8mm 12mm; }}"
    for ukuran, (w, h) in UKURAN_MM.items()
) + (LEMBAR_CSS_PATH.parent / "lampiran.css").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=64)
def _page_css(
    ukuran: str, orientasi: str, kiri: Decimal, atas: Decimal, kanan: Decimal, bawah: Decimal
) -> str:
    width, height = UKURAN_MM[ukuran]
    if orientasi == Orientasi.LANSKAP:
        width, height = height, width
    return f"@page {{ size: {width}mm {height}mm; margin: {atas}cm {kanan}cm {bawah}cm {kiri}cm; }}"


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


def image_data_uri(content: bytes) -> str:
    """An image as a ``data:`` URL, typed by its content; ``""`` when the bytes are no
    image Pillow can read (a damaged or foreign file prints no logo, never a broken
    one)."""
    try:
        with Image.open(io.BytesIO(content)) as gambar:
            mime = Image.MIME.get(gambar.format or "", "")
            gambar.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return ""
    if mime not in {"image/png", "image/jpeg", "image/gif", "image/webp"}:
        return ""
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def kop_html(*, logo_uri: str, baris: list[str], alamat: str, kontak: str = "") -> str:
    """The letterhead: logo left (none when there is no logo: never a broken image),
    the administrative lines centred, the office's address and contacts, a double rule."""
    logo = f'<img src="{logo_uri}" alt="Logo">' if logo_uri else ""
    lines = "".join(
        f'<div class="{"kop-desa" if i == len(baris) - 1 else ""}">{escape(b)}</div>'
        for i, b in enumerate(baris)
    )
    address = "".join(f'<div class="kop-alamat">{escape(t)}</div>' for t in (alamat, kontak) if t)
    return f'<div class="kop">{logo}<div class="kop-teks">{lines}{address}</div></div>'


def render_pdf(
    body_html: str, *, halaman: Halaman, kop: str = "", lampiran: Sequence[str] = ()
) -> bytes:
    """Render one letter, and after it its attachment forms (``lampiran``: each form's
    HTML from ``lampiran.render_html``, starting a new page in its own paper size), as
    one PDF. ``body_html`` is the merged template (cleaned to the letter allowlist,
    values escaped by ``merge.render``)."""
    document = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"></head>'
        f'<body><div class="lembar">{kop}{body_html}</div>{"".join(lampiran)}</body></html>'
    )
    page = _page_css(
        halaman.ukuran,
        halaman.orientasi,
        Decimal(halaman.kiri),
        Decimal(halaman.atas),
        Decimal(halaman.kanan),
        Decimal(halaman.bawah),
    )
    sheets = [BASE_CSS, page, LAMPIRAN_CSS] if lampiran else [BASE_CSS, page]
    return pdf_render(document, stylesheets=sheets)


def warm() -> None:
    """Load fonts and parse stylesheets once (call at start-up to keep the first letter fast)."""
    render_pdf("<p>Balai</p>", halaman=Halaman())
    render_pdf(
        "<p>Balai</p>",
        halaman=Halaman(),
        lampiran=['<section class="formulir"><span class="k">B</span></section>'],
    )

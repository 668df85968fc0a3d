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
from dataclasses import dataclass
from decimal import Decimal

import segno
from django.utils.html import escape

from balai_kernel.pdf import FONT_URL, pdf_render
from village_apps.surat.choices import UKURAN_MM, Orientasi

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


BASE_CSS = _BASE_CSS % {"fonts": FONT_URL}


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
    """Render one letter. ``body_html`` is the merged template (cleaned to the letter
    allowlist, values escaped by ``merge.render``)."""
    document = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"></head>'
        f"<body>{kop}{body_html}</body></html>"
    )
    page = _page_css(
        halaman.ukuran,
        halaman.orientasi,
        Decimal(halaman.kiri),
        Decimal(halaman.atas),
        Decimal(halaman.kanan),
        Decimal(halaman.bawah),
    )
    return pdf_render(document, stylesheets=[BASE_CSS, page])


def warm() -> None:
    """Load fonts and parse stylesheets once (call at start-up to keep the first letter fast)."""
    render_pdf("<p>Balai</p>", halaman=Halaman())

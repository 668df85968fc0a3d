"""What a PDF carries, for the file-read tests: every decoded stream, embedded file,
page text and image, read with pypdf — so a server file that WeasyPrint embedded (as an
attachment, an image or text) is found however it was compressed.

Also the hostile letter bodies: every way an HTML document can ask WeasyPrint for a
URL (attachment links, images, objects, stylesheets, fonts, SVG, a base URL), each
pointed at server files through every spelling of a ``file:`` URL the old fetcher let
through (the fonts-folder prefix with ``..``, percent-encoded dots and slashes,
upper-case scheme, ``localhost``), plus plain ones.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

ROOT = Path(__file__).resolve().parents[2]
# The folder the old fetcher trusted by prefix (the fonts moved to balai_site since).
LEGACY_FONT_DIR = ROOT / "village_apps" / "surat" / "fonts"
FONT_DIR = ROOT / "platform" / "balai_kernel" / "fonts"


def pdf_payload(pdf: bytes) -> bytes:
    """Raw bytes + every stream decoded + attachments + page text + image bytes."""
    reader = PdfReader(io.BytesIO(pdf))
    parts = [pdf]
    numbers = set(reader.xref_objStm)
    for generation in reader.xref.values():
        numbers.update(generation)
    for number in sorted(numbers):
        obj = reader.get_object(IndirectObject(number, 0, reader))
        if isinstance(obj, StreamObject):
            try:
                parts.append(obj.get_data())
            except Exception:  # noqa: BLE001, S112 - an image filter pypdf can not decode
                continue
    for contents in reader.attachments.values():
        parts.extend(contents)
    for page in reader.pages:
        parts.append(page.extract_text().replace("\x00", "").encode())
        parts.extend(image.data for image in page.images)
    return b"\n".join(parts)


def pdf_attachments(pdf: bytes) -> dict[str, list[bytes]]:
    return dict(PdfReader(io.BytesIO(pdf)).attachments)


def pdf_image_count(pdf: bytes) -> int:
    """Distinct images (WeasyPrint may list one image in every page's resources)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return len({image.data for page in pages for image in page.images})


@dataclass
class Rahasia:
    """Server files a hostile template aims at, and what must never show in a PDF."""

    text_file: Path  # a secret text file (e.g. another village's media, a config file)
    image_file: Path  # a real PNG (e.g. a resident's photo of another village)
    markers: list[bytes]

    def found_in(self, pdf: bytes) -> list[bytes]:
        """The markers found, and ``b"<image>"`` if an image the size of the secret
        photo was embedded (WeasyPrint re-encodes images, so bytes would not match)."""
        payload = pdf_payload(pdf)
        found = [m for m in self.markers if m in payload]
        with Image.open(self.image_file) as secret:
            size = secret.size
        pages = PdfReader(io.BytesIO(pdf)).pages
        if any(image.image.size == size for page in pages for image in page.images):
            found.append(b"<image>")
        return found


def environ_marker() -> bytes:
    """A piece of this process's ``/proc/self/environ`` that would not appear by chance."""
    entries = [e for e in Path("/proc/self/environ").read_bytes().split(b"\0") if b"=" in e]
    return max(entries, key=len)[:60]


def passwd_marker() -> bytes:
    return Path("/etc/passwd").read_bytes().splitlines()[0][:30]


def _spellings(path: Path) -> list[str]:
    """``path`` as the file: URLs a prefix check lets through, and plain ones."""
    target = str(path).lstrip("/")
    up = "../" * 12
    urls = [
        f"file:///{target}",
        f"FILE:///{target}",
        f"file://localhost/{target}",
        f"file:/{target}",
    ]
    for base in (LEGACY_FONT_DIR, FONT_DIR):
        urls += [
            f"{base.as_uri()}/{up}{target}",
            f"{base.as_uri()}/{'%2e%2e/' * 12}{target}",
            f"{base.as_uri()}/{'..%2f' * 12}{target.replace('/', '%2f')}",
            f"{base.as_uri()}/{'%2E%2E%2F' * 12}{target}",
        ]
    urls += [f"balai-font:{up}{target}", f"balai-font:/{target}", f"/{target}", f"{up}{target}"]
    return urls


def _svg_data_uri(url: str) -> str:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="40" height="40"><image href="{url}" xlink:href="{url}" width="40" height="40"/></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _svg_entity_uri(path: Path) -> str:
    """An SVG whose text is an external XML entity naming ``path`` (XXE)."""
    svg = (
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY r SYSTEM "file://{path}">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text y="20">&r;</text></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def hostile_body(rahasia: Rahasia) -> str:
    """One letter body that asks for the secret files in every way WeasyPrint fetches."""
    text_targets = [Path("/etc/passwd"), Path("/proc/self/environ"), rahasia.text_file]
    parts = ['<base href="file:///etc/">']
    for target in text_targets:
        parts.append(f'<img src="{_svg_entity_uri(target)}" alt="">')
        for url in _spellings(target):
            parts += [
                f'<a rel="attachment" href="{url}">lampiran</a>',
                f'<link rel="attachment" href="{url}">',
                f'<link rel="stylesheet" href="{url}">',
                f'<object data="{url}" type="text/plain">o</object>',
                f'<embed src="{url}" type="text/plain">',
                f'<iframe src="{url}"></iframe>',
                f"<p style=\"background-image: url('{url}')\">css</p>",
                f"<style>@import url('{url}'); @font-face {{ font-family: X; src: url('{url}'); }}"
                f" h6::before {{ content: url('{url}'); }}</style><h6>h</h6>",
            ]
    for url in _spellings(rahasia.image_file):
        parts += [
            f'<img src="{url}" alt="">',
            f'<img src="{_svg_data_uri(url)}" alt="">',
            f'<svg width="40" height="40"><image href="{url}" width="40" height="40"/></svg>',
            f'<a rel="attachment" href="{url}">foto</a>',
            f"<p style=\"list-style-image: url('{url}'); background: url('{url}')\">bg</p>",
            f'<img src="&#102;ile://{rahasia.image_file}" alt="">',  # entity-encoded scheme
        ]
    parts.append('<img src="passwd" alt="">')  # relative to the <base> above
    return "<p>[NAma]</p>[qr_code]" + "".join(parts)

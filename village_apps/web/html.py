"""Rich text from operators, made safe before it is stored.

Article and page bodies come from a rich-text field and are shown with ``|safe``;
they are ``balai_kernel.html.HtmlField`` columns with the ``web`` profile, so every
write cleans them (only structural tags, no ``style`` attributes, no event handlers,
links only to http(s), mailto and relative targets). ``html_bersihkan`` is that
profile, for code that needs the cleaned text before saving (e.g. a summary).
"""

from __future__ import annotations

import re
from html import unescape

from django.utils.html import strip_tags

from balai_kernel.html import html_web_clean as html_bersihkan

__all__ = ["html_bersihkan", "teks_ringkas"]


def teks_ringkas(html: str, panjang: int = 200) -> str:
    """Plain-text excerpt of a body (for summaries and meta descriptions)."""
    berspasi = re.sub(
        r"</?(p|br|li|h\d|tr|td|th|blockquote|figcaption)\b[^>]*>", " ", html_bersihkan(html)
    )
    teks = " ".join(unescape(strip_tags(berspasi)).split())
    return teks if len(teks) <= panjang else teks[: panjang - 1].rsplit(" ", 1)[0] + "…"

"""Rich text from operators, made safe before it is stored.

Article and page bodies come from a rich-text field and are shown with ``|safe``;
everything passes through ``html_bersihkan`` first. Only structural tags survive,
no ``style`` attributes (the CSP forbids them anyway), no event handlers, and links
only to http(s), mailto and relative targets.
"""

from __future__ import annotations

import re
from html import unescape

import nh3
from django.utils.html import strip_tags

TAGS = {
    "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "pre",
    "code", "h2", "h3", "h4", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr",
    "th", "td", "caption", "figure", "figcaption",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}


def html_bersihkan(html: str) -> str:
    """Keep structure and text, drop scripts, handlers, styles and foreign schemes."""
    return nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def teks_ringkas(html: str, panjang: int = 200) -> str:
    """Plain-text excerpt of a body (for summaries and meta descriptions)."""
    berspasi = re.sub(
        r"</?(p|br|li|h\d|tr|td|th|blockquote|figcaption)\b[^>]*>", " ", html_bersihkan(html)
    )
    teks = " ".join(unescape(strip_tags(berspasi)).split())
    return teks if len(teks) <= panjang else teks[: panjang - 1].rsplit(" ", 1)[0] + "…"

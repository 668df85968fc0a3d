"""HTML that Balai stores: one allowlist per use, and a model field that applies it.

Two kinds of stored HTML exist, and each has its profile:

- ``web``: article, page and greeting bodies, shown unescaped on the public site
  (``|html_aman``).
  Structural tags only; no ``style``, no event handlers, no ``<meta>``, ``<form>``,
  ``<iframe>``, ``<object>``, ``<embed>``, ``<link>``, ``<base>`` or scripts; links
  and images only to http(s), mailto and relative targets.
- ``surat``: letter templates (OpenSID TinyMCE markup), printed by WeasyPrint. Tables,
  paragraphs and the presentational attributes and inline styles letters use, but
  no links at all (so no ``<a rel=attachment>``), no ``<link>``, ``<object>``,
  ``<embed>``, ``<iframe>``, ``<meta>``, ``<base>``, ``<style>`` or scripts; images
  only as ``data:image/…;base64``; style declarations only from a list of layout and
  text properties, with values that hold no function except ``rgb()``/``hsl()`` (so
  no ``url(…)``, ``image-set(…)``, ``var(…)``) and no CSS escapes.

``HtmlField`` is how the rule reaches the database: the value is cleaned with the
field's profile before every write Django makes (``save``, ``create``, ``update``,
``bulk_create``, ``bulk_update``, model forms), and raw bulk writers (the
OpenSID import's COPY) prepare such fields through the field too. Cleaning is
idempotent, so cleaning again on the next save changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import nh3
from django.db import models

# Tags removed together with their content (the rest of a disallowed tag's text stays).
_CONTENT_DROPPED = {
    "script", "style", "iframe", "object", "embed", "noscript", "noembed", "noframes",
    "template", "title", "xmp", "svg", "math", "select", "textarea",
}  # fmt: skip

WEB_TAGS = {
    "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "pre",
    "code", "h2", "h3", "h4", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr",
    "th", "td", "caption", "figure", "figcaption",
}  # fmt: skip
WEB_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}

_web = nh3.Cleaner(
    tags=WEB_TAGS,
    clean_content_tags=_CONTENT_DROPPED,
    attributes=WEB_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer nofollow",
)


def html_web_clean(html: str) -> str:
    """Keep structure and text, drop scripts, handlers, styles and foreign schemes."""
    return _web.clean(html or "")


SURAT_TAGS = {
    "p", "br", "hr", "div", "span", "strong", "b", "em", "i", "u", "s", "strike", "sub",
    "sup", "small", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table",
    "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup", "caption",
    "blockquote", "pre", "code", "img",
}  # fmt: skip
_CELL = {"colspan", "rowspan", "width", "height", "valign", "align"}
SURAT_ATTRIBUTES = {
    "*": {"style", "class", "align"},
    "table": {"border", "cellspacing", "cellpadding", "width", "height"},
    "td": _CELL,
    "th": _CELL,
    "tr": {"valign", "height"},
    "col": {"span", "width"},
    "colgroup": {"span", "width"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
}
STYLE_PROPERTIES = frozenset(
    {
        "text-align", "text-indent", "text-decoration", "text-transform", "vertical-align",
        "font-size", "font-weight", "font-style", "font-family", "font-variant",
        "line-height", "letter-spacing", "word-spacing", "white-space", "color",
        "background-color", "width", "height", "min-width", "max-width", "min-height",
        "max-height", "margin", "margin-top", "margin-right", "margin-bottom",
        "margin-left", "padding", "padding-top", "padding-right", "padding-bottom",
        "padding-left", "border", "border-top", "border-right", "border-bottom",
        "border-left", "border-width", "border-style", "border-color", "border-collapse",
        "border-spacing", "border-top-width", "border-right-width", "border-bottom-width",
        "border-left-width", "border-top-style", "border-right-style",
        "border-bottom-style", "border-left-style", "border-top-color",
        "border-right-color", "border-bottom-color", "border-left-color", "table-layout",
        "page-break-before", "page-break-after", "page-break-inside", "break-before",
        "break-after", "break-inside", "float", "clear", "display", "list-style-type",
        "orphans", "widows",
    }
)  # fmt: skip
# A declaration's value: words, numbers, units, colours, quotes, commas, slashes and
# "!important"; parentheses only for rgb()/rgba()/hsl()/hsla(). No backslash (CSS
# escapes), no other function, so no url().
_STYLE_VALUE = re.compile(r"(?:[#%.,\w\s'\"/+!-]|(?:rgba?|hsla?)\([\d\s.,%/-]*\))*")
_PROPERTY = re.compile(r"[a-z-]+")
_LENGTH = re.compile(r"\s*\d{1,5}(?:\.\d{1,3})?(?:%|px)?\s*")
_LENGTH_ATTRIBUTES = frozenset(
    {"width", "height", "border", "cellspacing", "cellpadding", "colspan", "rowspan", "span"}
)
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+")


def style_clean(style: str) -> str:
    """Only allowlisted properties whose values can not reference anything."""
    kept = []
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if (
            colon
            and value
            and _PROPERTY.fullmatch(name)
            and name in STYLE_PROPERTIES
            and _STYLE_VALUE.fullmatch(value)
        ):
            kept.append(f"{name}: {value}")
    return "; ".join(kept)


def _surat_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "style":
        return style_clean(value) or None
    if attribute == "src":
        return value if _DATA_IMAGE.fullmatch(value.strip()) else None
    if attribute in _LENGTH_ATTRIBUTES:
        return value if _LENGTH.fullmatch(value) else None
    return value


_surat = nh3.Cleaner(
    tags=SURAT_TAGS,
    clean_content_tags=_CONTENT_DROPPED,
    attributes=SURAT_ATTRIBUTES,
    attribute_filter=_surat_attribute,
    url_schemes={"data"},
    link_rel=None,
)


def html_surat_clean(html: str) -> str:
    """A letter template reduced to what a printed letter needs (see the module doc)."""
    return _surat.clean(html or "")


HTML_PROFILES: dict[str, Callable[[str], str]] = {
    "web": html_web_clean,
    "surat": html_surat_clean,
}


_SCHEMAS: dict[str, tuple[set[str], dict[str, set[str]]]] = {
    "web": (WEB_TAGS, WEB_ATTRIBUTES),
    "surat": (SURAT_TAGS, SURAT_ATTRIBUTES),
}


def html_editor_schema(profile: str) -> str:
    """The profile's allowlist in the editor's ``valid_elements`` syntax
    (``@[global|attrs],tag[attr|attr],tag``), so the WYSIWYG editor shows what will be
    stored. The editor only mirrors it: the server still cleans every write."""
    tags, attributes = _SCHEMAS[profile]
    parts = [f"@[{'|'.join(sorted(attributes['*']))}]"] if "*" in attributes else []
    for tag in sorted(tags):
        own = attributes.get(tag)
        parts.append(f"{tag}[{'|'.join(sorted(own))}]" if own else tag)
    return ",".join(parts)


def html_clean(html: str, *, profile: str) -> str:
    """Clean ``html`` with the named profile (``web`` or ``surat``)."""
    return HTML_PROFILES[profile](html)


class HtmlField(models.TextField):
    """A text column holding HTML that is shown (or printed) unescaped.

    The value is cleaned with ``profile`` on every write Django makes: ``pre_save``
    cleans the instance's value (so the object matches its row) and
    ``get_db_prep_save`` cleans whatever reaches the database (also ``update()`` and
    ``bulk_update()``, which skip ``pre_save``). Every field of this type is in the
    registry the security tests sweep; a template must not render any other text
    column with ``|safe``."""

    description = "HTML cleaned to an allowlist before it is stored"

    def __init__(self, *args: Any, profile: str = "web", **kwargs: Any) -> None:
        if profile not in HTML_PROFILES:
            raise ValueError(f"unknown HTML profile {profile!r}")
        self.profile = profile
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[Any, ...]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["profile"] = self.profile
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:
        """A form field with the WYSIWYG editor of this profile (``RichTextarea``)."""
        from balai_kernel.forms import RichTextarea

        return super().formfield(**{"widget": RichTextarea(profile=self.profile), **kwargs})

    def clean_html(self, value: Any) -> Any:
        if isinstance(value, str):
            return html_clean(value, profile=self.profile)
        return value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = self.clean_html(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        return super().get_db_prep_save(self.clean_html(value), connection)


def stored_html_clean(model: type[models.Model], field_name: str, *, profile: str) -> int:
    """Clean what was stored before ``field_name`` became an ``HtmlField`` (for data
    migrations, in the current schema). Returns how many rows changed."""
    changed = []
    for row in model.objects.only("pk", field_name).iterator(chunk_size=500):
        value = getattr(row, field_name)
        cleaned = html_clean(value, profile=profile) if isinstance(value, str) else value
        if cleaned != value:
            setattr(row, field_name, cleaned)
            changed.append(row)
    model.objects.bulk_update(changed, [field_name], batch_size=500)
    return len(changed)

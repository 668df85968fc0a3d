"""The two HTML allowlists: real templates survive, hostile markup does not, and cleaning
is idempotent (the field cleans on every save and the migrations re-clean stored rows).
"""

from __future__ import annotations

import json
import re

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balai_kernel.html import html_clean, html_surat_clean, style_clean
from tests.support.shared_files import SHARED_DIR
from village_apps.surat.defaults import DEFAULT_TEMPLATES

OPENSID_JSON = SHARED_DIR / "opensid" / "template_surat_tinymce.json"


def _normalised(html: str) -> str:
    """``html`` parsed and printed by the same parser with everything it uses allowed,
    and style declarations written the way ``style_clean`` writes them."""
    tags = set(re.findall(r"<([a-z0-9]+)", html.lower()))
    attributes = {"*": {a.lower() for a in re.findall(r"\s([a-zA-Z-]+)=", html)}}
    parsed = nh3.clean(
        html, tags=tags, attributes=attributes, link_rel=None, url_schemes={"http", "https", "data"}
    )

    def style(match: re.Match[str]) -> str:
        declarations = []
        for declaration in match.group(1).split(";"):
            name, _, value = declaration.partition(":")
            if value.strip():
                declarations.append(f"{name.strip().lower()}: {value.strip()}")
        return 'style="' + "; ".join(declarations) + '"'

    return re.sub(r'style="([^"]*)"', style, parsed)


@pytest.mark.shared_files("opensid/template_surat_tinymce.json")
def test_every_opensid_template_keeps_its_meaning():
    """OpenSID's 42 TinyMCE templates: tables, widths, alignment, fonts all survive."""
    items = json.loads(OPENSID_JSON.read_text(encoding="utf-8"))
    assert len(items) == 42
    changed = [
        i["nama"] for i in items if html_surat_clean(i["template"]) != _normalised(i["template"])
    ]
    assert changed == []


def test_balai_default_templates_are_stored_as_written():
    for spec in DEFAULT_TEMPLATES:
        assert html_surat_clean(spec["isi"]) == spec["isi"], spec["slug"]


@pytest.mark.parametrize(
    ("style", "kept"),
    [
        ("text-align: center; width: 51.5%;", "text-align: center; width: 51.5%"),
        ("BORDER: 1px solid rgb(0, 0, 0)", "border: 1px solid rgb(0, 0, 0)"),
        ("font-family: 'Times New Roman', serif", "font-family: 'Times New Roman', serif"),
        ("width: 100px !important", "width: 100px !important"),
        ("background-image: url(file:///etc/passwd)", ""),
        ("background: #fff url(file:///etc/passwd)", ""),
        ("width: url(file:///etc/passwd)", ""),
        ("list-style: u\\72l(file:///etc/passwd)", ""),
        ("back\\67 round-image: x", ""),
        ("width: expression(alert(1))", ""),
        ("width: var(--x)", ""),
        ("content: image-set('file:///etc/passwd' 1x)", ""),
        ("color: red; /* */ width: 1px", "color: red"),
        ("color: red; behavior: url(x.htc); margin: 0", "color: red; margin: 0"),
        ("-moz-binding: url(x)", ""),
        ("@import url(x); color: red", "color: red"),
    ],
)
def test_letter_styles_keep_layout_and_lose_every_reference(style, kept):
    assert style_clean(style) == kept


_PIECES = list("<>/=\"' ;:()#&\\.-") + [
    "a", "p", "b", "td", "tr", "table", "img", "src", "style", "href", "url", "file", "data",
    "rel", "attachment", "script", "iframe", "on", "x", "1",
]  # fmt: skip
_MARKUP = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(html=_MARKUP, profile=st.sampled_from(["web", "surat"]))
def test_cleaning_twice_changes_nothing(html, profile):
    once = html_clean(html, profile=profile)
    assert html_clean(once, profile=profile) == once

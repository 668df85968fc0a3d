"""Templates link to pages by URL name (``{% url %}``), never by a written path: a
page's address is set once (a village page in ``balai_site.urls_tenant``'s prefix
table, a control-plane page in ``balai_site.urls_public``), and a link written out by
hand breaks silently when it moves. Static files go through ``{% static %}``.

The only written path allowed is the bare site root ``/``, which the shared error pages
need: they serve the village sites and the control plane alike and the 500 page is
rendered without a request, so they cannot name either host's home."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

# An in-site absolute path in an href, action or src attribute (also formaction,
# data-src, …), quoted either way or not at all: "/" then anything but the end of the
# value (the bare root, allowed) or a second "/" (a protocol-relative link, another site).
WRITTEN_PATH = re.compile(
    r"""(?:href|action|src)\s*=\s*"""
    r"""(?:"(/(?![/"])[^"]*)"|'(/(?![/'])[^']*)'|(/(?![/\s>])[^\s>]*))"""
)

# Every template directory of the village sites and the control plane.
TEMPLATE_GLOBS = (
    "village_apps/*/templates",
    "platform/*/templates",
    "platform/control_plane/*/templates",
    "tenants/templates",
)


def written_paths(text: str) -> list[str]:
    """The paths written by hand into link attributes of a template's source."""
    return ["".join(groups) for groups in WRITTEN_PATH.findall(text)]


def _templates() -> list[Path]:
    root = Path(settings.BASE_DIR)
    return sorted(
        path
        for pattern in TEMPLATE_GLOBS
        for directory in root.glob(pattern)
        for path in directory.rglob("*")
        if path.is_file() and path.suffix in {".html", ".txt", ".xml"}
    )


def test_templates_link_by_url_name():
    templates = _templates()
    root = Path(settings.BASE_DIR)
    written = {
        f"{path.relative_to(root)}: {found}"
        for path in templates
        for found in written_paths(path.read_text(encoding="utf-8"))
    }
    assert not written, sorted(written)
    # The scan did read the template trees (a wrong root would find nothing, and pass).
    assert sum("village_apps" in str(p) for p in templates) > 100, len(templates)
    assert sum("control_plane" in str(p) for p in templates) > 40, len(templates)


@pytest.mark.parametrize(
    ("source", "path"),
    [
        ('<a href="/berita/">', "/berita/"),
        ('<a href="/pembangunan/?tahun={{ t }}">', "/pembangunan/?tahun={{ t }}"),
        ('<form method="post" action="/keuangan/kelola/impor/">', "/keuangan/kelola/impor/"),
        ('<img src="/static/balai/logo.svg" alt="">', "/static/balai/logo.svg"),
        ("<a href='/kelola/web/{{ a.pk }}/'>", "/kelola/web/{{ a.pk }}/"),
        ('<a href = "/jdih/">', "/jdih/"),
        ("<a href=/kontak/>", "/kontak/"),
        ('<a href="/?q=1">', "/?q=1"),
        ('<button formaction="/kelola/hapus/">', "/kelola/hapus/"),
    ],
)
def test_a_written_path_is_found(source: str, path: str):
    assert written_paths(source) == [path]


@pytest.mark.parametrize(
    "source",
    [
        '<a href="/">',
        "<a href='/'>",
        "<a href=\"{% url 'web:berita' %}\">",
        "<a href=\"{% url 'pembangunan:daftar' %}?tahun={{ t }}\">",
        "<img src=\"{% static 'balai/logo.svg' %}\">",
        '<a href="{{ artikel.get_absolute_url }}">',
        '<a href="?halaman=2">',
        '<a href="#isi">',
        '<a href="https://contoh.example/berita/">',
        '<script src="//cdn.contoh.example/x.js"></script>',
        "<p>Buka /berita/ di peramban.</p>",
    ],
)
def test_a_named_link_or_the_root_is_not_flagged(source: str):
    assert written_paths(source) == []


# Python that builds a link or a redirect from a written path, e.g. ``absolute_url("/berita/")``
# or ``redirect("/kelola/")``, instead of ``reverse("web:berita")``: the same breakage.
_PY_WRITTEN = re.compile(
    r"""\b(?:absolute_url|redirect|HttpResponseRedirect)\(\s*f?["'](/[^"']*)["']"""
)
# The bare root: a village's home link on its own host (``Village.site_url``).
_PY_ROOT_ONLY = {"/"}


def python_written_paths(text: str) -> list[str]:
    return [p for p in _PY_WRITTEN.findall(text) if p not in _PY_ROOT_ONLY]


def test_python_builds_links_by_url_name():
    root = Path(settings.BASE_DIR)
    sources = [
        p
        for base in ("village_apps", "platform", "tenants")
        for p in (root / base).rglob("*.py")
        if "migrations" not in p.parts
    ]
    assert len(sources) > 300
    found = {
        f"{p.relative_to(root)}: {path}"
        for p in sources
        for path in python_written_paths(p.read_text(encoding="utf-8"))
    }
    assert not found, sorted(found)


def test_a_written_path_in_python_is_found():
    assert python_written_paths('absolute_url("/berita/", village=v)') == ["/berita/"]
    assert python_written_paths("return redirect('/kelola/')") == ["/kelola/"]
    assert python_written_paths('absolute_url(reverse("web:berita"))') == []
    assert python_written_paths('absolute_url("/", village=self)') == []

"""Templates link to village pages by URL name (``{% url %}``), never by a written
path: a page's address is set once, in ``balai_site.urls_tenant``'s prefix table, and a
link written out by hand breaks silently when it moves."""

from __future__ import annotations

import re
from pathlib import Path

import village_apps

# Written before this rule; the list only ever shrinks.
GRANDFATHERED: set[str] = set()
WRITTEN_PATH = re.compile(r"""(?:href|action)="/(?:kelola|jdih)/""")


def test_village_templates_link_by_url_name():
    root = Path(village_apps.__file__).parent
    written = {
        str(path.relative_to(root))
        for path in root.glob("*/templates/**/*.html")
        if WRITTEN_PATH.search(path.read_text(encoding="utf-8"))
    }
    assert written <= GRANDFATHERED, sorted(written - GRANDFATHERED)
    assert GRANDFATHERED <= written, "fixed: drop from GRANDFATHERED " + str(
        sorted(GRANDFATHERED - written)
    )

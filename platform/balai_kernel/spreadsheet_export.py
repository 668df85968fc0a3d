"""Harmless spreadsheets out: one rule for every spreadsheet export (docs/security.md,
"Bad input").

:func:`csv_safe` prefixes text that a spreadsheet program would read as a formula
(starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) with an apostrophe
(OWASP "CSV injection"); a lone ``-`` and plain numbers stay as they are.
:func:`xlsx_safe` makes openpyxl store text as text, never as a formula (openpyxl turns
every string starting with ``=`` into one), and drops the control characters an XML
cell can not hold (openpyxl would raise on them). The import side is
:mod:`balai_kernel.spreadsheet_guard`.
"""

from __future__ import annotations

import re
from typing import Any

XML_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)*")


def csv_safe(nilai: Any) -> Any:
    """A value for a CSV cell that no spreadsheet program will run as a formula."""
    if not isinstance(nilai, str) or not nilai.startswith(_FORMULA_TRIGGERS):
        return nilai
    if nilai == "-" or _NUMBER.fullmatch(nilai):
        return nilai
    return "'" + nilai


def csv_row_safe(nilai: list[Any] | tuple[Any, ...]) -> list[Any]:
    return [csv_safe(v) for v in nilai]


def xlsx_safe(lembar: Any, nilai: Any) -> Any:
    """A value for ``worksheet.append``: text stays text (also when it starts with
    ``=``) and loses control characters XML can not hold; anything else is unchanged."""
    if not isinstance(nilai, str):
        return nilai
    teks = XML_CONTROL.sub("", nilai)
    if not teks.startswith("="):
        return teks
    from openpyxl.cell import WriteOnlyCell

    sel = WriteOnlyCell(lembar, value=teks)
    sel.data_type = "s"
    return sel


def xlsx_row_safe(lembar: Any, nilai: list[Any] | tuple[Any, ...]) -> list[Any]:
    return [xlsx_safe(lembar, v) for v in nilai]

"""Cell values of a book: how a frozen period stores them, how search matches them and
how they read on screen and paper (one formatting for page, PDF and XLSX)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from balai_kernel.numbers import number_format

if TYPE_CHECKING:
    from village_apps.buku.registry import Book

# What a masked NIK/KK number shows (page, and the closed books read from above the village).
MASK = "*" * 16


def cell_encode(value: Any) -> Any:
    """A value as JSON keeps it (dates and decimals tagged, so a frozen period prints
    exactly what the live one printed)."""
    if isinstance(value, datetime):
        return {
            "dt": timezone.localtime(value).isoformat()
            if timezone.is_aware(value)
            else value.isoformat()
        }
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def cell_decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "dt" in value:
            return datetime.fromisoformat(value["dt"])
        if "d" in value:
            return date.fromisoformat(value["d"])
        if "n" in value:
            return Decimal(value["n"])
    return value


def rows_encode(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    return [[cell_encode(v) for v in row] for row in rows]


def rows_decode(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    return [[cell_decode(v) for v in row] for row in rows]


def cell_text(value: Any) -> str:
    """What a cell shows: dates as dd-mm-yyyy, numbers with Indonesian grouping."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, (int, Decimal, float)):
        return number_format(value)
    return str(value)


def rows_search(rows: Iterable[Sequence[Any]], cari: str) -> list[Sequence[Any]]:
    """Rows whose shown text contains ``cari`` (case-insensitive); for frozen periods,
    whose rows no longer come from a query."""
    if not cari:
        return list(rows)
    needle = cari.casefold()
    return [row for row in rows if any(needle in cell_text(v).casefold() for v in row)]


def totals_row(rows: Sequence[Sequence[Any]], width: int) -> list[Any]:
    """Column sums of the numeric cells (None where a column holds no number)."""
    sums: list[Any] = [None] * width
    for row in rows:
        for i, value in enumerate(row[:width]):
            if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
                sums[i] = (sums[i] or 0) + value
    return sums


def rows_mask(rows: Iterable[Sequence[Any]], columns: set[int]) -> list[list[Any]]:
    """Rows with the non-empty cells of ``columns`` (NIK/KK numbers) shown as ``MASK``."""
    return [[MASK if i in columns and v else v for i, v in enumerate(row)] for row in rows]


def printed_rows(book: Book, rows: Sequence[Sequence[Any]], *, start: int = 1) -> list[list[Any]]:
    """The rows as printed: numbered from ``start`` (a page of a longer book goes on
    counting), and with the JUMLAH row where the book has one."""
    width = len(book.leaves())
    out = [[i, *row] if book.numbered else list(row) for i, row in enumerate(rows, start=start)]
    if book.totals and rows:
        total = [None, *totals_row(rows, width)] if book.numbered else totals_row(rows, width)
        label_at = 1 if book.numbered else 0
        if total[label_at] is None:
            total[label_at] = "JUMLAH"
        out.append(total)
    return out

"""Numbers and money as Indonesians write them: ``1.500.000``, ``Rp 1.500.000``.

One formatter for every page, export, chart and letter (they each had their own
``f"{n:,}".replace(",", ".")``). Whole numbers only: floats and Decimals are rounded
half to even, as Python's formatting does; ints are exact at any size.
"""

from __future__ import annotations

from decimal import Decimal


def number_format(value: int | float | Decimal) -> str:
    """``1500000`` → ``1.500.000`` (Indonesian thousands separator, no decimals)."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.0f}"
    return text.replace(",", ".")


def rupiah(amount: int | float | Decimal) -> str:
    """``1500000`` → ``Rp 1.500.000`` (whole rupiah)."""
    return "Rp " + number_format(amount)

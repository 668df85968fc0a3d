"""Numbers, money and percentages as Indonesians write them: ``1.500.000``,
``Rp 1.500.000``, ``102,4%``.

One formatter each for every page, export, chart, letter and official document (they
each had their own ``f"{n:,}".replace(",", ".")``, and percentages came out as
``102.4%`` on a chart and ``102,4%`` in the table beside it). Money is shown in whole
rupiah only: amounts the payment provider keeps in sen (Stripe's minor units for IDR)
become rupiah through :func:`rupiah_from_sen` before anything shows them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

Number = int | float | Decimal


def number_format(value: Number) -> str:
    """``1500000`` → ``1.500.000`` (Indonesian thousands separator, no decimals).
    Floats and Decimals are rounded half to even, as Python's formatting does; ints
    are exact at any size."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.0f}"
    return text.replace(",", ".")


def rupiah(amount: Number) -> str:
    """``1500000`` → ``Rp 1.500.000`` (whole rupiah; a negative amount ``Rp -45.000.000``)."""
    return "Rp " + number_format(amount)


def rupiah_from_sen(sen: int) -> int:
    """Whole rupiah of an amount in sen, halves away from zero: the one place a provider
    amount (``Rp 1.499.990,63`` = 149999063 sen) becomes what Balai shows (1.499.991)."""
    whole = (abs(int(sen)) + 50) // 100
    return -whole if sen < 0 else whole


def percent_format(value: Number, *, digits: int = 1) -> str:
    """``102.44`` → ``102,4%``: a percentage with the Indonesian decimal comma, rounded
    half up to ``digits`` places (a whole ``100`` stays ``100,0%`` so columns align)."""
    try:
        exact = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc
    step = Decimal(1).scaleb(-digits)
    rounded = exact.quantize(step, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{digits}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".") + "%"


def percent_of(part: Number, whole: Number, *, digits: int = 1) -> str | None:
    """``part`` as a percentage of ``whole`` (``None`` when ``whole`` is zero)."""
    if not whole:
        return None
    return percent_format(Decimal(str(part)) * 100 / Decimal(str(whole)), digits=digits)

"""Amounts in Indonesian words ("terbilang"), shared by letters (merge field `[terbilang]`)
and receipts: one implementation for the whole project."""

_UNITS = [
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]
_SCALES = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu")]


def _below_thousand(n: int) -> str:
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_UNITS[tens]} puluh" + (f" {_UNITS[rest]}" if rest else "")
    hundreds, rest = divmod(n, 100)
    head = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
    return head + (f" {_below_thousand(rest)}" if rest else "")


def terbilang(n: int) -> str:
    """``1500000`` → ``satu juta lima ratus ribu``; ``1000`` → ``seribu``."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n == 0:
        return "nol"
    parts = []
    for scale, word in _SCALES:
        count, n = divmod(n, scale)
        if count:
            parts.append(
                "seribu" if (scale == 1000 and count == 1) else f"{terbilang(count)} {word}"
            )
    if n:
        parts.append(_below_thousand(n))
    return " ".join(parts)


def terbilang_rupiah(n: int) -> str:
    text = terbilang(n)
    return text[0].upper() + text[1:] + " rupiah"

"""The template filters for numbers, money and percentages (``{% load angka %}``,
registered as a template library in settings): one implementation each, the kernel's
formatters. The app libraries that offered their own (``situs``, ``dasbor``) register
these same functions, so every page formats alike."""

from __future__ import annotations

from decimal import Decimal

from django import template

from balai_kernel import numbers

register = template.Library()

EMPTY = "–"


def _number(value: object) -> int | float | Decimal | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, int | float | Decimal):
        return value
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


@register.filter
def rupiah(value: object) -> str:
    """``{{ amount|rupiah }}`` → ``Rp 1.500.000``: whole rupiah (never sen)."""
    number = _number(value)
    return EMPTY if number is None else numbers.rupiah(number)


@register.filter
def angka(value: object) -> str:
    """``1.234``; a public count's mark (``"<5"``, ``"x"``) stays as it is, nothing is ``–``."""
    if value is None or value == "":
        return EMPTY
    number = _number(value)
    return str(value) if number is None else numbers.number_format(number)


@register.filter
def persen(value: object, digits: object = 1) -> str:
    """``{{ 102.44|persen }}`` → ``102,4%``, ``{{ 12|persen:0 }}`` → ``12%`` (rates and
    progress in whole percents); a mark stays as it is, nothing is ``–``."""
    if value is None or value == "":
        return EMPTY
    number = _number(value)
    return str(value) if number is None else numbers.percent_format(number, digits=int(digits))


@register.filter
def persen_dari(part: object, whole: object) -> str:
    """``{{ part|persen_dari:whole }}`` → ``12,3%`` (``–`` when ``whole`` is zero)."""
    p, w = _number(part), _number(whole)
    if p is None or w is None:
        return EMPTY
    return numbers.percent_of(p, w) or EMPTY

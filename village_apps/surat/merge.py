"""The merge-field renderer: OpenSID's ``[kode]`` fields, with OpenSID's case rules.

A deliberately small engine instead of a template language: a letter template is
operator-supplied (or imported) HTML, so it must not be able to run code, loop over
the database or reach attributes. The only things it can do are:

- ``[kode]`` — substitute a known value, HTML-escaped, with the case chosen by how the
  kode is written (see :func:`apply_case`);
- ``[hitung][a+b]`` — arithmetic on numbers (after substitution), no ``eval``;
- ``[terbilang][123]`` — Indonesian number words.

Unknown kodes are left in place, so a template never silently loses text, and
:func:`unknown_fields` can report them (e.g. after an import).
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.utils.html import escape

from balai_kernel.casing import sentence_case, title_case
from balai_kernel.numbers import number_format
from balai_kernel.terbilang import terbilang  # noqa: F401 - the [terbilang] field; re-exported

# A kode: a letter, then letters/digits/underscores. ``[nomor_surat, 3]`` carries a width.
FIELD_RE = re.compile(r"\[([A-Za-z][A-Za-z0-9_]*)(?:,\s*(\d{1,2}))?\]")
HITUNG_RE = re.compile(r"\[(hitung)\]\[([0-9.,+\-*/() ]{1,200})\]", re.IGNORECASE)
TERBILANG_RE = re.compile(r"\[(terbilang)\]\[([^\[\]<>]{0,60})\]", re.IGNORECASE)
# Kodes handled by the functions above, never by plain substitution.
FUNCTION_KODES = frozenset({"hitung", "terbilang"})
# While the [hitung]/[terbilang] passes run, brackets inside substituted values are
# stand-ins (private-use characters), so a value can not form a function call.
_KURUNG = str.maketrans({"[": "\ue000", "]": "\ue001"})
_KURUNG_BALIK = str.maketrans({"\ue000": "[", "\ue001": "]"})


def apply_case(kode: str, value: str) -> str:
    """Case ``value`` the way OpenSID does for a kode written as ``kode``.

    - first and last letter upper (``NAMA_DESA``, ``NamA``): the value as stored;
    - first letter lower (``nama_desa``): lowercase;
    - first two letters upper (``NAma_desa``): UPPERCASE;
    - first upper, second lower (``Nama_desa``, ``NaMa_desa``): Title Case;
    - any other first-upper form (``N_desa``, ``N1``): Sentence case.

    Title and Sentence case are the project's Indonesian ones (``balai_kernel.casing``):
    abbreviations stay capitals ("Pengajuan KUR Bank", "RT 001"), each part of a
    compound is capitalised ("Tukang Las/Pandai Besi"), in every field (OpenSID's
    ``kasus_lain`` did it for education, occupation and family relation only).
    """
    first, last = kode[0], kode[-1]
    second = kode[1] if len(kode) > 1 else ""
    if first.isupper() and last.isupper():
        return value
    if first.islower():
        return value.lower()
    if second.isupper():
        return value.upper()
    if second.islower():
        return title_case(value)
    return sentence_case(value)


def parse_number(text: str) -> Decimal | None:
    """Read an Indonesian-formatted amount (``Rp 1.500.000,50``); ``None`` if there is none."""
    cleaned = re.sub(r"[^0-9,.\-]", "", text or "")
    if not cleaned:
        return None
    # Indonesian: dots group thousands, a comma separates decimals.
    cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


_BINARY_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def _evaluate(node: ast.AST) -> Decimal:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return Decimal(str(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY_OPS:
        return _BINARY_OPS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    raise ValueError("ekspresi tidak didukung")


def hitung(expression: str) -> Decimal | None:
    """Evaluate ``+ - * /`` over Indonesian-formatted numbers; ``None`` when it is not
    arithmetic. Parsed with ``ast`` and walked by hand: only numbers and four operators."""
    # Each operand may be "1.500.000": normalise operands first, keep the operators.
    tokens = re.split(r"([+\-*/()])", expression)
    normalised = []
    for token in tokens:
        if token.strip() in {"+", "-", "*", "/", "(", ")"} or not token.strip():
            normalised.append(token)
            continue
        number = parse_number(token)
        if number is None:
            return None
        normalised.append(str(number))
    try:
        return _evaluate(ast.parse("".join(normalised), mode="eval"))
    except (SyntaxError, ValueError, ZeroDivisionError, InvalidOperation):
        return None


def _format_number(value: Decimal) -> str:
    """Whole amounts as ``1.500.000`` (Indonesian grouping)."""
    return number_format(int(value.to_integral_value()))


def render(template: str, values: Mapping[str, str], *, raw: Iterable[str] = ()) -> str:
    """Merge ``values`` (keys lowercase) into ``template`` in one pass.

    Values are HTML-escaped, except keys in ``raw`` (markup we generated ourselves,
    e.g. the QR image). One pass means substituted text is never scanned again, so a
    resident's data can not smuggle in a kode; brackets in values are hidden from the
    ``[hitung]``/``[terbilang]`` passes too, so a value can not call them either.
    """
    raw_keys = frozenset(raw)

    def substitute(match: re.Match[str]) -> str:
        kode, width = match.group(1), match.group(2)
        key = kode.lower()
        if key in FUNCTION_KODES or key not in values:
            return match.group(0)
        value = str(values[key])
        if key in raw_keys:
            return value
        if width is not None and value.isdigit():
            value = value.zfill(int(width))
        return escape(apply_case(kode, value)).translate(_KURUNG)

    merged = FIELD_RE.sub(substitute, template)

    def do_hitung(match: re.Match[str]) -> str:
        result = hitung(match.group(2))
        return match.group(0) if result is None else _format_number(result)

    merged = HITUNG_RE.sub(do_hitung, merged)

    def do_terbilang(match: re.Match[str]) -> str:
        number = parse_number(match.group(2))
        if number is None:
            return ""
        return escape(apply_case(match.group(1), terbilang(int(number.to_integral_value()))))

    return TERBILANG_RE.sub(do_terbilang, merged).translate(_KURUNG_BALIK)


def fields_used(template: str) -> set[str]:
    """Every kode a template uses, lowercased."""
    return {m.group(1).lower() for m in FIELD_RE.finditer(template)}


def unknown_fields(template: str, known: Iterable[str]) -> list[str]:
    """Kodes in ``template`` that nothing would fill, sorted (for import reports)."""
    return sorted(fields_used(template) - set(known) - FUNCTION_KODES)


_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def bulan_romawi(month: int) -> str:
    return _ROMAN[month - 1]


BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def tanggal_indo(value) -> str:  # noqa: ANN001 - a date or None
    """``2026-11-28`` → ``28 November 2026`` (independent of the active locale)."""
    if value is None:
        return ""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"

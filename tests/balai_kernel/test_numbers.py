"""One number and money formatter for every page, export, chart and letter."""

from decimal import Decimal

from balai_kernel.numbers import number_format, rupiah


def test_thousands_use_a_dot_and_ints_stay_exact():
    assert number_format(1500000) == "1.500.000"
    assert number_format(0) == "0"
    assert number_format(-1234) == "-1.234"
    assert number_format(10**20) == "100.000.000.000.000.000.000"  # no float rounding


def test_floats_and_decimals_round_half_to_even():
    assert number_format(1234.5) == "1.234"
    assert number_format(1235.5) == "1.236"
    assert number_format(Decimal("2500000.50")) == "2.500.000"


def test_rupiah():
    assert rupiah(1500000) == "Rp 1.500.000"
    assert rupiah(Decimal("0")) == "Rp 0"


def test_sen_become_whole_rupiah_half_away_from_zero():
    from balai_kernel.numbers import rupiah_from_sen

    assert rupiah_from_sen(149999063) == 1499991  # the draft that showed "Rp 1.499.990,63"
    assert rupiah_from_sen(150) == 2 and rupiah_from_sen(149) == 1
    assert rupiah_from_sen(-150) == -2 and rupiah_from_sen(0) == 0


def test_percent_has_the_indonesian_decimal_comma():
    from balai_kernel.numbers import percent_format, percent_of

    assert percent_format(102.44) == "102,4%"
    assert percent_format(Decimal("102.45")) == "102,5%"  # half up
    assert percent_format(100) == "100,0%"
    assert percent_format(1234.5) == "1.234,5%"
    assert percent_of(1, 3) == "33,3%" and percent_of(5, 0) is None


def test_template_filters_are_the_kernel_formatters():
    from django.template import engines

    from balai_kernel import template_numbers
    from village_apps.web.templatetags import situs

    html = (
        engines["django"]
        .from_string(
            "{% load angka %}{{ a|rupiah }} {{ b|persen }} {{ c|angka }} {{ d|persen }} {{ e|rupiah }}"
        )
        .render({"a": Decimal("1499990.63"), "b": 102.44, "c": "x", "d": None, "e": -45000000})
    )
    assert html == "Rp 1.499.991 102,4% x – Rp -45.000.000"
    assert situs.register.filters["rupiah"] is template_numbers.rupiah


def test_no_template_or_module_formats_numbers_by_hand():
    """Sweep (issue 18, findings 8 and 11): money, counts and percentages go through
    the one formatter each (``balai_kernel.numbers``, the ``angka`` filters), so a page
    cannot show "Rp 1.499.990,63" or "102.4%" beside "102,4%". Hand-made formats —
    Django's ``intcomma``/``floatformat``, ``Rp {{ … }}``, ``{{ … }}%``, a thousands
    separator swapped by hand, a percentage written by an f-string — are refused."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sources = [root / "village_apps", root / "tenants", root / "platform"]
    template_rules = {
        "intcomma": re.compile(r"\|intcomma"),
        "floatformat": re.compile(r"\|floatformat"),
        "Rp by hand": re.compile(r"Rp\s*\{\{"),
        "percent by hand": re.compile(r"\}\}\s?%"),
    }
    code_rules = {
        # An f-string with the "," thousands option, then a separator swapped on the line.
        "thousands by hand": re.compile(r"""\{[^{}\n]*:[^{}\n]*,[^{}\n]*\}.*\.replace\("""),
        # (not an attribute value: ``width="{w:.2f}%"`` sizes an SVG bar, nobody reads it)
        "percent by hand": re.compile(r"""(?<!")\{[^{}]*:[^{}]*f\}\s?%"""),
    }
    found = []
    for base in sources:
        for path in base.rglob("*.html"):
            text = path.read_text("utf-8")
            found += [
                f"{path.relative_to(root)}: {name}"
                for name, rule in template_rules.items()
                if rule.search(text)
            ]
        for path in base.rglob("*.py"):
            if "migrations" in path.parts or path.name == "numbers.py":
                continue
            text = path.read_text("utf-8")
            found += [
                f"{path.relative_to(root)}: {name}"
                for name, rule in code_rules.items()
                if rule.search(text)
            ]
    assert found == []

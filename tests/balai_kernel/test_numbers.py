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

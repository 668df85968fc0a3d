"""Worked tax examples in exact Rupiah (PMK 131/2024 PPN, PPh 23, treasurer threshold)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balai_kernel.terbilang import terbilang, terbilang_rupiah
from control_plane.taxes.calculation import RuleSet, format_rupiah, tax_compute
from control_plane.taxes.selectors import rules_on, stamp_duty_on

pytestmark = pytest.mark.billing

RULES_2026 = RuleSet(Decimal("12"), 11, 12, Decimal("2"), 2_000_000, {})

WORKED = [
    # fee, buyer, dpp, ppn, code, total, pph23, net transfer
    (50_000_000, "government", 45_833_333, 5_500_000, "02", 55_500_000, 1_000_000, 49_000_000),
    (50_000_000, "other", 45_833_333, 5_500_000, "04", 55_500_000, 1_000_000, 54_500_000),
    (1_500_000, "government", 1_375_000, 165_000, "04", 1_665_000, 30_000, 1_635_000),
    (1_800_000, "government", 1_650_000, 198_000, "04", 1_998_000, 36_000, 1_962_000),
    (1_900_000, "government", 1_741_666, 209_000, "02", 2_109_000, 38_000, 1_862_000),
    (123_456_789, "government", 113_168_723, 13_580_247, "02", 137_037_036, 2_469_136, 120_987_653),
    (
        75_000_000,
        "designated_collector",
        68_750_000,
        8_250_000,
        "03",
        83_250_000,
        1_500_000,
        73_500_000,
    ),
]


@pytest.mark.parametrize(("fee", "buyer", "dpp", "ppn", "code", "total", "pph23", "net"), WORKED)
def test_worked_examples(fee, buyer, dpp, ppn, code, total, pph23, net):
    b = tax_compute(fee_idr=fee, buyer_kind=buyer, rules=RULES_2026)
    assert (b.dpp_idr, b.ppn_idr, b.trx_code, b.total_idr, b.pph23_idr, b.net_transfer_idr) == (
        dpp,
        ppn,
        code,
        total,
        pph23,
        net,
    )


def test_pre_2025_rule_has_full_price_base(db):
    b = tax_compute(
        fee_idr=50_000_000, buyer_kind="government", rules=rules_on(dt.date(2024, 6, 1))
    )
    assert (b.dpp_idr, b.ppn_rate_percent, b.ppn_idr) == (50_000_000, Decimal("11"), 5_500_000)


def test_rules_from_the_database_reproduce_the_issue_example(db):
    b = tax_compute(
        fee_idr=50_000_000, buyer_kind="government", rules=rules_on(dt.date(2026, 11, 1))
    )
    assert (b.dpp_idr, b.ppn_idr, b.pph23_idr, b.net_transfer_idr) == (
        45_833_333,
        5_500_000,
        1_000_000,
        49_000_000,
    )


def test_stamp_duty_above_threshold_only(db):
    assert stamp_duty_on(dt.date(2026, 1, 1), 5_000_000) == 0
    assert stamp_duty_on(dt.date(2026, 1, 1), 5_000_001) == 10_000


@given(
    st.integers(min_value=0, max_value=10**13),
    st.sampled_from(["government", "designated_collector", "other"]),
)
def test_identities_hold_for_any_fee(fee, buyer):
    b = tax_compute(fee_idr=fee, buyer_kind=buyer, rules=RULES_2026)
    assert b.total_idr == b.fee_idr + b.ppn_idr
    assert b.net_transfer_idr == b.total_idr - b.withheld_idr
    assert b.dpp_idr <= b.fee_idr
    assert b.withheld_idr == (b.ppn_idr if b.ppn_collected_by_buyer else 0) + b.pph23_idr


def test_float_or_negative_amounts_are_refused():
    with pytest.raises(ValueError):
        tax_compute(fee_idr=1.5, buyer_kind="government", rules=RULES_2026)
    with pytest.raises(ValueError):
        tax_compute(fee_idr=-1, buyer_kind="government", rules=RULES_2026)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (11, "sebelas"),
        (19, "sembilan belas"),
        (100, "seratus"),
        (1000, "seribu"),
        (1_500_000, "satu juta lima ratus ribu"),
        (2_109_000, "dua juta seratus sembilan ribu"),
        (49_000_000, "empat puluh sembilan juta"),
        (1_001_011, "satu juta seribu sebelas"),
    ],
)
def test_terbilang(n, words):
    assert terbilang(n) == words


def test_rupiah_formats():
    assert format_rupiah(1_500_000) == "Rp 1.500.000"
    assert terbilang_rupiah(49_000_000) == "Empat puluh sembilan juta rupiah"

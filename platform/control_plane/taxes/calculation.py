"""Tax arithmetic in whole Rupiah, with no floating point.

Rounding rule (documented in docs/billing-taxes.md):
1. DPP (dasar pengenaan pajak) = price × numerator / denominator, rounded DOWN to
   the rupiah (the base is never overstated);
2. PPN = DPP × rate, rounded half up to the rupiah;
3. PPh 23 = fee excluding PPN × rate, rounded half up to the rupiah.
Worked example: fee Rp 50.000.000 → DPP Rp 45.833.333 → PPN 12 % = Rp 5.500.000,
PPh 23 2 % = Rp 1.000.000; a treasurer who collects PPN itself (code 02) transfers
Rp 49.000.000 of the Rp 55.500.000 invoice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from balai_kernel.numbers import rupiah

BuyerKind = Literal["government", "designated_collector", "other"]


def round_half_up(value: Fraction) -> int:
    """Round a non-negative exact fraction to the nearest integer, halves up."""
    if value < 0:
        raise ValueError("amounts are never negative")
    return int((value * 2 + 1) // 2)


def rate_fraction(rate_percent: Decimal) -> Fraction:
    return Fraction(rate_percent) / 100


@dataclass(frozen=True)
class RuleSet:
    """The rule versions in force on one date (plain values, so tests need no DB)."""

    ppn_rate_percent: Decimal
    ppn_base_numerator: int
    ppn_base_denominator: int
    pph23_rate_percent: Decimal
    collection_threshold_idr: int
    versions: dict[str, int | str]


@dataclass(frozen=True)
class TaxBreakdown:
    fee_idr: int
    dpp_idr: int
    ppn_rate_percent: Decimal
    ppn_idr: int
    trx_code: str
    ppn_collected_by_buyer: bool
    pph23_rate_percent: Decimal
    pph23_idr: int
    total_idr: int
    withheld_idr: int
    net_transfer_idr: int

    def as_dict(self) -> dict:
        return asdict(self)


def trx_code_for(buyer_kind: BuyerKind, *, collected: bool) -> str:
    """Coretax transaction code: 02 government collector, 03 other designated collector,
    04 seller collects PPN on the other-value base (DPP nilai lain)."""
    if collected and buyer_kind == "government":
        return "02"
    if collected and buyer_kind == "designated_collector":
        return "03"
    return "04"


def tax_compute(
    *, fee_idr: int, buyer_kind: BuyerKind, rules: RuleSet, withholds_pph23: bool = True
) -> TaxBreakdown:
    """Taxes of a service fee (excluding PPN) for one buyer under one rule set."""
    if not isinstance(fee_idr, int) or fee_idr < 0:
        raise ValueError("fee_idr must be a non-negative integer number of rupiah")
    dpp = fee_idr * rules.ppn_base_numerator // rules.ppn_base_denominator
    ppn = round_half_up(dpp * rate_fraction(rules.ppn_rate_percent))
    total = fee_idr + ppn
    collector = buyer_kind in ("government", "designated_collector")
    collected = collector and total > rules.collection_threshold_idr
    pph23 = (
        round_half_up(fee_idr * rate_fraction(rules.pph23_rate_percent)) if withholds_pph23 else 0
    )
    withheld = (ppn if collected else 0) + pph23
    return TaxBreakdown(
        fee_idr=fee_idr,
        dpp_idr=dpp,
        ppn_rate_percent=rules.ppn_rate_percent,
        ppn_idr=ppn,
        trx_code=trx_code_for(buyer_kind, collected=collected),
        ppn_collected_by_buyer=collected,
        pph23_rate_percent=rules.pph23_rate_percent if withholds_pph23 else Decimal("0"),
        pph23_idr=pph23,
        total_idr=total,
        withheld_idr=withheld,
        net_transfer_idr=total - withheld,
    )


format_rupiah = rupiah  # ``1500000`` → ``Rp 1.500.000`` (the kernel's one formatter)

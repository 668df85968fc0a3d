"""Issued invoices keep their taxes when a rule changes later."""

import datetime as dt
from decimal import Decimal

import pytest

from control_plane.taxes.models import TaxAssessment, TaxRule
from control_plane.taxes.services import tax_assess

pytestmark = pytest.mark.billing


def test_changing_a_rule_changes_new_invoices_only(db):
    old = tax_assess(
        invoice_ref="INV-2026-001",
        fee_idr=50_000_000,
        buyer_kind="government",
        on=dt.date(2026, 3, 1),
    )
    assert old.ppn_idr == 5_500_000
    # A new regulation from 2026-04-01: PPN 12 % on the full price.
    current = TaxRule.objects.get(kind="ppn", effective_to__isnull=True)
    current.effective_to = dt.date(2026, 3, 31)
    current.save()
    TaxRule.objects.create(
        kind="ppn",
        name="PPN 12% penuh",
        rate_percent=Decimal("12"),
        effective_from=dt.date(2026, 4, 1),
        legal_basis="uji",
    )
    new = tax_assess(
        invoice_ref="INV-2026-002",
        fee_idr=50_000_000,
        buyer_kind="government",
        on=dt.date(2026, 4, 2),
    )
    assert new.ppn_idr == 6_000_000 and new.dpp_idr == 50_000_000
    again = tax_assess(
        invoice_ref="INV-2026-001",
        fee_idr=50_000_000,
        buyer_kind="government",
        on=dt.date(2026, 4, 2),
    )
    assert again.pk == old.pk and again.ppn_idr == 5_500_000
    assert TaxAssessment.objects.get(invoice_ref="INV-2026-001").rules["ppn"] == current.pk

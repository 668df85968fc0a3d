from __future__ import annotations

import datetime as dt

from django.db import transaction

from control_plane.taxes.calculation import BuyerKind, tax_compute
from control_plane.taxes.models import TaxAssessment
from control_plane.taxes.selectors import rules_on


@transaction.atomic
def tax_assess(
    *,
    invoice_ref: str,
    fee_idr: int,
    buyer_kind: BuyerKind,
    on: dt.date,
    withholds_pph23: bool = True,
) -> TaxAssessment:
    """Freeze the taxes of an invoice with the rules in force ``on`` its date.

    Idempotent per ``invoice_ref``: an existing assessment is returned unchanged, so
    later rule edits never alter an issued invoice.
    """
    existing = TaxAssessment.objects.select_for_update().filter(invoice_ref=invoice_ref).first()
    if existing is not None:
        return existing
    rules = rules_on(on)
    b = tax_compute(
        fee_idr=fee_idr, buyer_kind=buyer_kind, rules=rules, withholds_pph23=withholds_pph23
    )
    return TaxAssessment.objects.create(
        invoice_ref=invoice_ref,
        assessed_on=on,
        buyer_kind=buyer_kind,
        trx_code=b.trx_code,
        fee_idr=b.fee_idr,
        dpp_idr=b.dpp_idr,
        ppn_rate_percent=b.ppn_rate_percent,
        ppn_idr=b.ppn_idr,
        ppn_collected_by_buyer=b.ppn_collected_by_buyer,
        pph23_rate_percent=b.pph23_rate_percent,
        pph23_idr=b.pph23_idr,
        total_idr=b.total_idr,
        withheld_idr=b.withheld_idr,
        net_transfer_idr=b.net_transfer_idr,
        rules=rules.versions,
    )

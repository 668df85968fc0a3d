from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from control_plane.taxes.calculation import RuleSet
from control_plane.taxes.models import TaxKind, TaxRule


class MissingTaxRule(LookupError):
    """No rule of a kind is in force on a date: an invoice must not be issued."""


def tax_rule_on(kind: str, on: dt.date) -> TaxRule:
    rule = (
        TaxRule.objects.filter(kind=kind, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from", "-id")
        .first()
    )
    if rule is None:
        raise MissingTaxRule(f"Tidak ada aturan {kind} yang berlaku pada {on:%d-%m-%Y}.")
    return rule


def rules_on(on: dt.date) -> RuleSet:
    ppn = tax_rule_on(TaxKind.PPN, on)
    pph = tax_rule_on(TaxKind.PPH23, on)
    threshold = tax_rule_on(TaxKind.PPN_COLLECTION_THRESHOLD, on)
    return RuleSet(
        ppn_rate_percent=Decimal(ppn.rate_percent),
        ppn_base_numerator=ppn.base_numerator,
        ppn_base_denominator=ppn.base_denominator,
        pph23_rate_percent=Decimal(pph.rate_percent),
        collection_threshold_idr=threshold.amount_idr,
        versions={"ppn": ppn.pk, "pph23": pph.pk, "ppn_threshold": threshold.pk},
    )


def stamp_duty_on(on: dt.date, amount_idr: int) -> int:
    """Bea meterai due on a receipt of ``amount_idr`` (0 at or below the threshold)."""
    try:
        rule = tax_rule_on(TaxKind.STAMP_DUTY, on)
    except MissingTaxRule:
        return 0
    return rule.amount_idr if amount_idr > rule.threshold_idr else 0


def contract_year_statement(*, contract: object, year: int) -> dict:
    """Per-invoice taxes and payments of one budget year, for the kabupaten's report."""
    from control_plane.billing.models import Invoice
    from control_plane.taxes.government import assessment_for, invoice_settlement

    rows = []
    totals = {
        "total": 0,
        "ppn": 0,
        "pph23": 0,
        "net": 0,
        "received": 0,
        "withheld": 0,
        "outstanding": 0,
    }
    invoices = (
        Invoice.objects.filter(contract=contract, finalized_at__year=year)
        .exclude(status="void")
        .order_by("finalized_at")
    )
    for inv in invoices:
        a = assessment_for(inv)
        s = invoice_settlement(inv)
        if a is None or s is None:
            continue
        row = {
            "invoice": inv,
            "total": a.total_idr,
            "ppn": a.ppn_idr,
            "pph23": a.pph23_idr,
            "net": a.net_transfer_idr,
            "received": s.received_idr,
            "withheld": s.withheld_idr,
            "outstanding": max(0, s.difference_idr),
        }
        rows.append(row)
        for key in totals:
            totals[key] += row[key]
    from django.utils import timezone

    today = timezone.localdate()
    reminder = year == today.year and today.month >= 11
    return {"rows": rows, "totals": totals, "year": year, "december_reminder": reminder}

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Q

from control_plane.taxes.calculation import RuleSet
from control_plane.taxes.models import TaxKind, TaxRule


def invoice_ref_get(invoice: Any) -> str:
    """The business id a billing invoice's tax assessment is stored under."""
    return f"invoice-{invoice.pk}"


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


def contract_year_statement_get(*, contract: object, year: int) -> dict:
    """Per-invoice taxes and payments of the invoices issued in one budget year, for the
    kabupaten's report: tax lines from each frozen assessment, status, payments and what
    is outstanding from ``billing.selectors.invoice_figures_get`` (as on every page)."""
    from django.utils import timezone

    from control_plane.billing.models import Invoice
    from control_plane.billing.selectors import invoice_figures_list
    from control_plane.taxes.models import TaxAssessment

    keys = ("total", "ppn", "pph23", "net", "received", "withheld", "outstanding")
    totals = dict.fromkeys(keys, 0)
    rows = []
    invoices = Invoice.objects.filter(contract=contract, finalized_at__year=year).order_by(
        "finalized_at", "pk"
    )
    listed = invoice_figures_list(invoices=invoices)
    assessments = {
        a.invoice_ref: a
        for a in TaxAssessment.objects.filter(
            invoice_ref__in=[invoice_ref_get(i) for i, _f in listed]
        )
    }
    for inv, figures in listed:
        a = assessments.get(invoice_ref_get(inv))
        if not figures.is_issued:
            continue
        row = {
            "invoice": inv,
            "figures": figures,
            "total": figures.total_idr,
            "ppn": a.ppn_idr if a else 0,
            "pph23": a.pph23_idr if a else 0,
            "net": a.net_transfer_idr if a else figures.total_idr,
            "received": figures.received_idr,
            "withheld": figures.withheld_idr,
            "outstanding": figures.outstanding_idr,
        }
        rows.append(row)
        for key in keys:
            totals[key] += row[key]
    today = timezone.localdate()
    reminder = year == today.year and today.month >= 11
    return {"rows": rows, "totals": totals, "year": year, "december_reminder": reminder}

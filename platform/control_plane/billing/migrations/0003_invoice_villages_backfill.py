"""Invoices mirrored before they recorded their villages: record the villages their
contract pays for now where that is exactly the invoice's quantity (otherwise the
list stays empty and the invoice's BAST is refused until someone looks)."""

from django.db import migrations

BILLED = ("active", "suspended")


def backfill(apps, schema_editor):
    Invoice = apps.get_model("billing", "Invoice")
    Village = apps.get_model("tenants", "Village")
    for invoice in Invoice.objects.filter(villages=[]).exclude(quantity=0).iterator():
        villages = list(
            Village.objects.filter(
                contract_seat__contract_id=invoice.contract_id, status__in=BILLED
            ).order_by("code")
        )
        if len(villages) == invoice.quantity:
            invoice.villages = [{"code": v.code, "name": v.name} for v in villages]
            invoice.save(update_fields=["villages"])


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0002_invoice_villages_payment_withheld"),
        ("contracts", "0002_billing_fields"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]

"""SP2D transfers recorded before billing's ledger held them: an invoice still awaiting
payment gets one ledger payment per transfer (received + withheld), so what it owes is
read from the one ledger. Paid invoices keep the single payment that settled them."""

from django.db import migrations

UNPAID = ("open", "uncollectible")


def to_ledger(apps, schema_editor):
    Payment = apps.get_model("billing", "Payment")
    Sp2dPayment = apps.get_model("taxes", "Sp2dPayment")
    for sp2d in Sp2dPayment.objects.filter(
        payment__isnull=True, invoice__status__in=UNPAID
    ).iterator():
        withheld = sp2d.pph23_withheld_idr + sp2d.ppn_withheld_idr
        sp2d.payment = Payment.objects.create(
            invoice_id=sp2d.invoice_id,
            amount=(sp2d.received_idr + withheld) * 100,
            withheld=withheld * 100,
            method="sp2d",
            reference=sp2d.sp2d_number,
            received_on=sp2d.sp2d_date,
            recorded_by=sp2d.recorded_by,
            note="",
        )
        sp2d.save(update_fields=["payment"])


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0003_invoice_villages_backfill"),
        ("taxes", "0004_bast_signers_period_sp2d_payment"),
    ]

    operations = [migrations.RunPython(to_ledger, migrations.RunPython.noop)]

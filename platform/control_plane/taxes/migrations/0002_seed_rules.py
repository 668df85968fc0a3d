"""Rules in force, as data. Edit by adding a new version with new effective dates."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

RULES = [
    dict(kind="ppn", name="PPN 11% (UU HPP)", rate_percent=Decimal("11"), base_numerator=1, base_denominator=1,
         effective_from=dt.date(2022, 4, 1), effective_to=dt.date(2024, 12, 31), legal_basis="UU 7/2021 (HPP) Pasal 7"),
    dict(kind="ppn", name="PPN 12% atas DPP nilai lain 11/12 (jasa non-mewah)", rate_percent=Decimal("12"),
         base_numerator=11, base_denominator=12, effective_from=dt.date(2025, 1, 1), legal_basis="PMK 131/2024"),
    dict(kind="pph23", name="PPh Pasal 23 atas jasa 2%", rate_percent=Decimal("2"),
         effective_from=dt.date(2009, 1, 1), legal_basis="UU PPh Pasal 23 ayat (1) huruf c; PMK 141/2015"),
    dict(kind="ppn_threshold", name="Bendahara tidak memungut PPN s.d. Rp 2.000.000", amount_idr=2_000_000,
         effective_from=dt.date(2022, 4, 1), legal_basis="PMK 59/2022"),
    dict(kind="materai", name="Bea meterai Rp 10.000 untuk dokumen di atas Rp 5.000.000", amount_idr=10_000,
         threshold_idr=5_000_000, effective_from=dt.date(2021, 1, 1), legal_basis="UU 10/2020 (Bea Meterai)"),
]


def seed(apps, schema_editor):
    TaxRule = apps.get_model("taxes", "TaxRule")
    for rule in RULES:
        TaxRule.objects.get_or_create(kind=rule["kind"], effective_from=rule["effective_from"], defaults=rule)


class Migration(migrations.Migration):
    dependencies = [("taxes", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

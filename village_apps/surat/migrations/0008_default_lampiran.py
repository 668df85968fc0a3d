"""Balai's own birth, death and moving letters attach their Dukcapil forms
(``defaults.DEFAULT_LAMPIRAN``), in villages made before the forms existed. Only
templates still as Balai seeded them (source ``balai``) and without any form chosen
are touched; a village's own choice stays."""

from django.db import migrations

# As ``defaults.DEFAULT_LAMPIRAN`` was when this migration was written.
LAMPIRAN = {
    "keterangan-kelahiran": ["F-2.01"],
    "keterangan-kematian": ["F-2.01", "F-2.30"],
    "keterangan-pindah": ["F-1.03", "F-1.08"],
}


def backfill(apps, schema_editor):
    FormatSurat = apps.get_model("surat", "FormatSurat")
    for slug, kodes in LAMPIRAN.items():
        FormatSurat.objects.filter(slug=slug, sumber="balai", lampiran=[]).update(lampiran=kodes)


class Migration(migrations.Migration):
    balai_kind = "heavy"
    dependencies = [("surat", "0007_format_lampiran")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]

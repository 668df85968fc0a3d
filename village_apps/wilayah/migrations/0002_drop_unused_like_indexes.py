"""Drop the ``varchar_pattern_ops`` (``*_like``) indexes Django adds beside every indexed
CharField: they serve only ``LIKE 'prefix%'`` (``startswith``/``contains``) queries, and no
query of this app filters these columns that way — equality uses the plain index, ``iexact``
neither. Each village schema carries one relation less per index (docs/operations.md,
"Relations per village"). Old code never needs them, so old pods are unaffected."""

from django.db import migrations


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("wilayah", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "DROP INDEX IF EXISTS wilayah_dusun_nama_b523e1e7_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS wilayah_dusun_nama_b523e1e7_like ON wilayah_dusun (nama varchar_pattern_ops)",
        ),
    ]

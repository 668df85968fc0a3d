"""Drop the ``varchar_pattern_ops`` (``*_like``) indexes Django adds beside every indexed
CharField: they serve only ``LIKE 'prefix%'`` (``startswith``/``contains``) queries, and no
query of this app filters these columns that way — equality uses the plain index, ``iexact``
neither. Each village schema carries one relation less per index (docs/operations.md,
"Relations per village"). Old code never needs them, so old pods are unaffected."""

from django.db import migrations


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("kelompok", "0002_initial")]

    operations = [
        migrations.RunSQL(
            "DROP INDEX IF EXISTS kelompok_kategorikelompok_nama_2b5f2f03_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS kelompok_kategorikelompok_nama_2b5f2f03_like ON kelompok_kategorikelompok (nama varchar_pattern_ops)",
        ),
        migrations.RunSQL(
            "DROP INDEX IF EXISTS kelompok_kelompok_kode_75aacc1c_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS kelompok_kelompok_kode_75aacc1c_like ON kelompok_kelompok (kode varchar_pattern_ops)",
        ),
    ]

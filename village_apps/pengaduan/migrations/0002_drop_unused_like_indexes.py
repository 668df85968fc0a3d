"""Drop the ``varchar_pattern_ops`` (``*_like``) indexes Django adds beside every indexed
CharField: they serve only ``LIKE 'prefix%'`` (``startswith``/``contains``) queries, and no
query of this app filters these columns that way — equality uses the plain index, ``iexact``
neither. Each village schema carries one relation less per index (docs/operations.md,
"Relations per village"). Old code never needs them, so old pods are unaffected."""

from django.db import migrations


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("pengaduan", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "DROP INDEX IF EXISTS pengaduan_pengaduan_kode_lacak_26563777_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS pengaduan_pengaduan_kode_lacak_26563777_like ON pengaduan_pengaduan (kode_lacak varchar_pattern_ops)",
        ),
        migrations.RunSQL(
            "DROP INDEX IF EXISTS pengaduan_pengaduan_status_a8a22afd_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS pengaduan_pengaduan_status_a8a22afd_like ON pengaduan_pengaduan (status varchar_pattern_ops)",
        ),
    ]

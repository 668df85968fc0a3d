"""Drop the ``varchar_pattern_ops`` (``*_like``) indexes Django adds beside every indexed
CharField: they serve only ``LIKE 'prefix%'`` (``startswith``/``contains``) queries, and no
query of this app filters these columns that way — equality uses the plain index, ``iexact``
neither. Each village schema carries one relation less per index (docs/operations.md,
"Relations per village"). Old code never needs them, so old pods are unaffected."""

from django.db import migrations


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("surat", "0004_isi_html_field")]

    operations = [
        migrations.RunSQL(
            "DROP INDEX IF EXISTS surat_formatsurat_slug_967e0fb0_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS surat_formatsurat_slug_967e0fb0_like ON surat_formatsurat (slug varchar_pattern_ops)",
        ),
        migrations.RunSQL(
            "DROP INDEX IF EXISTS surat_suratkeluar_token_44697e94_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS surat_suratkeluar_token_44697e94_like ON surat_suratkeluar (token varchar_pattern_ops)",
        ),
    ]

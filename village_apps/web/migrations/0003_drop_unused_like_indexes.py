"""Drop the ``varchar_pattern_ops`` (``*_like``) indexes Django adds beside every indexed
CharField: they serve only ``LIKE 'prefix%'`` (``startswith``/``contains``) queries, and no
query of this app filters these columns that way — equality uses the plain index, ``iexact``
neither. Each village schema carries one relation less per index (docs/operations.md,
"Relations per village"). Old code never needs them, so old pods are unaffected."""

from django.db import migrations


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("web", "0002_html_field")]

    operations = [
        migrations.RunSQL(
            "DROP INDEX IF EXISTS web_artikel_slug_862b8abb_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS web_artikel_slug_862b8abb_like ON web_artikel (slug varchar_pattern_ops)",
        ),
        migrations.RunSQL(
            "DROP INDEX IF EXISTS web_halaman_slug_e88a90ec_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS web_halaman_slug_e88a90ec_like ON web_halaman (slug varchar_pattern_ops)",
        ),
        migrations.RunSQL(
            "DROP INDEX IF EXISTS web_kategori_slug_6f9c77b5_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS web_kategori_slug_6f9c77b5_like ON web_kategori (slug varchar_pattern_ops)",
        ),
    ]

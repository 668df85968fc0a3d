"""Trigram index on UPPER(name) of the desa list, for the sign-up search by village name
(without it each search scanned all 83,762 names: 25–50 ms per keystroke). Django's
icontains compares UPPER(name), hence the expression. In SQL only: a GinIndex in the
model state would need django.contrib.postgres installed for the public schema."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0002_editions"),
    ]

    operations = [
        # One pg_trgm per database, in ``public`` (the village apps' migrations create it
        # too; IF NOT EXISTS whichever runs first).
        migrations.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS reference_desa_trgm ON reference_desa "
            "USING gin ((upper(name::text)) public.gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS reference_desa_trgm",
        ),
    ]

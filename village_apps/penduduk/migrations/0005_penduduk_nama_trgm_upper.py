"""Trigram index on UPPER(nama): Django's ``icontains`` compares ``UPPER(nama::text)``,
which a trigram index on plain ``nama`` cannot serve. Written as SQL because the
schema-qualified opclass on an expression needs parentheses Django does not emit."""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations


class Migration(migrations.Migration):
    # First release: applied to villages through the template; a fleet run needs a heavy window.
    balai_kind = "heavy"
    dependencies = [
        ("penduduk", "0004_penduduk_penduduk_nik_prefix"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=[
                        "DROP INDEX IF EXISTS penduduk_nama_trgm",
                        "CREATE INDEX penduduk_nama_trgm ON penduduk_penduduk "
                        "USING gin ((upper(nama::text)) public.gin_trgm_ops)",
                    ],
                    reverse_sql=[
                        "DROP INDEX IF EXISTS penduduk_nama_trgm",
                        "CREATE INDEX penduduk_nama_trgm ON penduduk_penduduk "
                        "USING gin (nama public.gin_trgm_ops)",
                    ],
                )
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="penduduk", name="penduduk_nama_trgm"),
                migrations.AddIndex(
                    model_name="penduduk",
                    index=django.contrib.postgres.indexes.GinIndex(
                        django.contrib.postgres.indexes.OpClass(
                            django.db.models.functions.text.Upper("nama"),
                            name="public.gin_trgm_ops",
                        ),
                        name="penduduk_nama_trgm",
                    ),
                ),
            ],
        )
    ]

"""Drop the ``varchar_pattern_ops`` (``*_like``) indexes Django adds beside every indexed
CharField: they serve only ``LIKE 'prefix%'`` (``startswith``/``contains``) queries, and no
query of this app filters these columns that way — equality uses the plain index, ``iexact``
neither. Each village schema carries one relation less per index (docs/operations.md,
"Relations per village"). Old code never needs them, so old pods are unaffected."""

from django.db import migrations


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("audit", "0002_lockout_action")]

    operations = [
        migrations.RunSQL(
            "DROP INDEX IF EXISTS audit_accessaudit_action_c76c69d5_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS audit_accessaudit_action_c76c69d5_like ON audit_accessaudit (action varchar_pattern_ops)",
        ),
        migrations.RunSQL(
            "DROP INDEX IF EXISTS audit_accessaudit_object_type_75baae38_like",
            reverse_sql="CREATE INDEX IF NOT EXISTS audit_accessaudit_object_type_75baae38_like ON audit_accessaudit (object_type varchar_pattern_ops)",
        ),
    ]

"""Migration operations several apps repeat, written once.

``like_index_drop``: Django adds a ``varchar_pattern_ops`` (``*_like``) index beside every
indexed CharField. It serves only ``LIKE 'prefix%'`` (``startswith``/``contains``) queries;
where no query of an app filters a column that way (equality uses the plain index,
``iexact`` neither), the index is one relation per village for nothing (docs/operations.md,
"Relations per village"). Old code never needs it, so dropping it is a contract step old
pods do not notice, and the reverse recreates it exactly.
"""

from django.db import migrations


def like_index_drop(*, table: str, column: str, index: str) -> migrations.RunSQL:
    return migrations.RunSQL(
        f"DROP INDEX IF EXISTS {index}",
        reverse_sql=f"CREATE INDEX IF NOT EXISTS {index} ON {table} ({column} varchar_pattern_ops)",
    )

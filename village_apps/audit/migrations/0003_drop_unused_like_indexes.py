"""Drop this app's ``*_like`` indexes that no query uses (why: ``balai_kernel.migration_ops``)."""

from django.db import migrations

from balai_kernel.migration_ops import like_index_drop


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("audit", "0002_lockout_action")]

    operations = [
        like_index_drop(
            table="audit_accessaudit",
            column="action",
            index="audit_accessaudit_action_c76c69d5_like",
        ),
        like_index_drop(
            table="audit_accessaudit",
            column="object_type",
            index="audit_accessaudit_object_type_75baae38_like",
        ),
    ]

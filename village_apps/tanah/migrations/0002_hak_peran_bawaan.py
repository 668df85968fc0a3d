"""Give the village's built-in roles their default rights in this module (villages
seeded before it existed have role rows without them)."""

from django.db import migrations


def grant(apps, schema_editor):
    from village_apps.akun.roles import builtin_grants_backfill

    builtin_grants_backfill(apps.get_model("akun", "Peran"), "tanah")


class Migration(migrations.Migration):
    balai_kind = "heavy"  # a data migration
    dependencies = [("tanah", "0001_initial"), ("akun", "0003_peran_bawaan")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

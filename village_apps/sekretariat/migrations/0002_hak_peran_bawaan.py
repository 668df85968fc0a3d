"""Give the built-in roles of an existing village their rights in the new
``sekretariat`` module (``akun.roles.BUILTIN_ROLES``: the same grants a new village
gets from ``akun`` 0003). Grants are added, never removed: a role the admin edited keeps
everything else it holds. A built-in row the admin deleted is not made again."""

from django.db import migrations


def grant(apps, schema_editor):
    from village_apps.akun.roles import builtin_grants_backfill

    builtin_grants_backfill(apps.get_model("akun", "Peran"), "sekretariat")


class Migration(migrations.Migration):
    # A backfill of rows that already exist: a fleet run's heavy window.
    balai_kind = "heavy"
    dependencies = [
        ("sekretariat", "0001_initial"),
        ("akun", "0003_peran_bawaan"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

"""Give the built-in roles their rights on the books (module ``buku``), as
``akun.roles.BUILTIN_ROLES`` now lists them. Only the ``buku.*`` grants of built-in
roles are added; a village's own roles and every other grant stay as its admin left
them. Reversing removes the ``buku.*`` grants again."""

from django.db import migrations


def grant(apps, schema_editor):
    from village_apps.akun.roles import builtin_grants_backfill

    builtin_grants_backfill(apps.get_model("akun", "Peran"), "buku")


def revoke(apps, schema_editor):
    Peran = apps.get_model("akun", "Peran")
    for peran in Peran.objects.filter(bawaan=True):
        peran.hak = [h for h in peran.hak or [] if not h.startswith("buku.")]
        peran.save(update_fields=["hak"])


class Migration(migrations.Migration):
    # A data backfill of a few rows (the built-in roles).
    balai_kind = "heavy"
    dependencies = [("buku", "0001_initial"), ("akun", "0003_peran_bawaan")]
    operations = [migrations.RunPython(grant, revoke)]

"""Give the built-in roles of an existing village their rights in the new
``sekretariat`` module (``akun.roles.BUILTIN_ROLES``: the same grants a new village
gets from ``akun`` 0003). Grants are added, never removed: a role the admin edited keeps
everything else it holds. A built-in row the admin deleted is not made again.

The grants are written here as they were when the module came, so a later change of
``roles.py`` cannot change what this migration did."""

from django.db import migrations

GRANTS = {
    "operator": ("view", "change", "delete", "export", "approve"),
    "sekdes": ("view", "approve", "export", "change", "delete"),
    "kades": ("view", "approve", "change"),
    "kasi": ("view", "approve"),
    "peninjau": ("view", "approve"),
}


def grant(apps, schema_editor):
    Peran = apps.get_model("akun", "Peran")
    for peran in Peran.objects.filter(slug__in=list(GRANTS), bawaan=True):
        hak = set(peran.hak or ()) | {f"sekretariat.{a}" for a in GRANTS[peran.slug]}
        if hak != set(peran.hak or ()):
            peran.hak = sorted(hak)
            peran.save(update_fields=["hak"])


class Migration(migrations.Migration):
    # A backfill of rows that already exist: a fleet run's heavy window.
    balai_kind = "heavy"
    dependencies = [
        ("sekretariat", "0001_initial"),
        ("akun", "0003_peran_bawaan"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

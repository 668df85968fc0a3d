"""Seed the built-in roles, move first-release ``viewer`` accounts onto roles that exist
now, and make ``Membership.role`` a foreign key to ``Peran.slug`` (same column).

``viewer`` was the read-only role; a viewer whose jabatan named the sekretaris or
kepala desa approved that step of the letter chain. Each keeps that: a viewer whose
jabatan is the sekdes's or kades's becomes ``sekdes`` / ``kades`` (the step's role
now), every other viewer ``peninjau`` (the same rights as before)."""

from django.db import migrations, models
import django.db.models.deletion

OFFICES = {
    "sekdes": {"sekdes", "sekretaris desa"},
    "kades": {"kades", "kepala desa"},
}


def seed(apps, schema_editor):
    from django.utils import translation

    from village_apps.akun.choices import VillageRole
    from village_apps.akun.roles import BUILTIN_ROLES

    Peran = apps.get_model("akun", "Peran")
    Membership = apps.get_model("akun", "Membership")
    for slug, role in BUILTIN_ROLES.items():
        with translation.override(None):  # the Indonesian source text
            nama = str(VillageRole(slug).label)
        Peran.objects.get_or_create(
            slug=slug,
            defaults={
                "nama": nama,
                "bawaan": True,
                "hak": sorted(role.hak),
                "lihat_nik": role.lihat_nik,
            },
        )
    for membership in Membership.objects.filter(role="viewer"):
        jabatan = membership.jabatan.strip().lower()
        membership.role = next(
            (slug for slug, names in OFFICES.items() if jabatan in names), "peninjau"
        )
        membership.save(update_fields=["role"])
    Membership.objects.exclude(role__in=list(BUILTIN_ROLES)).update(role="peninjau")


class Migration(migrations.Migration):
    # Backfill and a foreign key over an existing table: a fleet run's heavy window.
    balai_kind = "heavy"
    dependencies = [("akun", "0002_peran_riwayat_masuk")]
    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="membership",
            name="role",
            field=models.ForeignKey(
                db_column="role",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="anggota",
                to="akun.peran",
                to_field="slug",
                verbose_name="peran",
            ),
        ),
    ]

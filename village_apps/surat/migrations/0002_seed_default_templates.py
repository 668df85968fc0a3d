"""Seed Balai's default letter templates and the settings row.

Runs when the template schema is migrated, so every village cloned from it starts with
them; ``services.format_surat_seed`` does the same for villages made earlier.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from village_apps.surat.defaults import DEFAULT_TEMPLATES

    FormatSurat = apps.get_model("surat", "FormatSurat")
    PengaturanSurat = apps.get_model("surat", "PengaturanSurat")
    PengaturanSurat.objects.get_or_create(pk=1)
    for spec in DEFAULT_TEMPLATES:
        FormatSurat.objects.get_or_create(slug=spec["slug"], defaults={**spec, "sumber": "balai"})


class Migration(migrations.Migration):
    # First release: applied to villages through the template; a fleet run needs a heavy window.
    balai_kind = "heavy"
    dependencies = [("surat", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Article, page and greeting bodies become ``HtmlField`` (cleaned on every write), and
what is already stored is cleaned: OpenSID imports wrote article bodies by COPY without
cleaning, and the public pages render them with ``|safe``."""

import balai_kernel.html
from django.db import migrations


def clean_stored(apps, schema_editor):
    for model_name, field_name in (
        ("Artikel", "isi"),
        ("Halaman", "isi"),
        ("PengaturanSitus", "sambutan"),
    ):
        balai_kernel.html.stored_html_clean(
            apps.get_model("web", model_name), field_name, profile="web"
        )


class Migration(migrations.Migration):
    # The field change has no SQL; the data step rewrites only rows whose markup the
    # allowlist changes. RunPython needs an explicit kind: heavy.
    balai_kind = "heavy"

    dependencies = [
        ("web", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="artikel",
            name="isi",
            field=balai_kernel.html.HtmlField(profile="web", verbose_name="isi"),
        ),
        migrations.AlterField(
            model_name="halaman",
            name="isi",
            field=balai_kernel.html.HtmlField(profile="web", verbose_name="isi"),
        ),
        migrations.AlterField(
            model_name="pengaturansitus",
            name="sambutan",
            field=balai_kernel.html.HtmlField(
                blank=True, default="", profile="web", verbose_name="sambutan kepala desa"
            ),
        ),
        migrations.RunPython(clean_stored, migrations.RunPython.noop),
    ]

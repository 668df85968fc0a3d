"""Letter templates become ``HtmlField`` with the letter allowlist (cleaned on every
write), and stored templates are cleaned: a template could carry
``<a rel=attachment href="file:…">`` or ``<img src="file:…">`` and embed server files
in its PDFs."""

import balai_kernel.html
from django.db import migrations


def clean_stored(apps, schema_editor):
    balai_kernel.html.stored_html_clean(
        apps.get_model("surat", "FormatSurat"), "isi", profile="surat"
    )


class Migration(migrations.Migration):
    # The field change has no SQL; the data step rewrites only templates whose markup
    # the allowlist changes. RunPython needs an explicit kind: heavy.
    balai_kind = "heavy"

    dependencies = [
        ("surat", "0003_masa_berlaku_batas"),
    ]

    operations = [
        migrations.AlterField(
            model_name="formatsurat",
            name="isi",
            field=balai_kernel.html.HtmlField(
                profile="surat", verbose_name="isi (HTML dengan kode isian)"
            ),
        ),
        migrations.RunPython(clean_stored, migrations.RunPython.noop),
    ]

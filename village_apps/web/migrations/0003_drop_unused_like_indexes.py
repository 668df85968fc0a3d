"""Drop this app's ``*_like`` indexes that no query uses (why: ``balai_kernel.migration_ops``)."""

from django.db import migrations

from balai_kernel.migration_ops import like_index_drop


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("web", "0002_html_field")]

    operations = [
        like_index_drop(table="web_artikel", column="slug", index="web_artikel_slug_862b8abb_like"),
        like_index_drop(table="web_halaman", column="slug", index="web_halaman_slug_e88a90ec_like"),
        like_index_drop(
            table="web_kategori", column="slug", index="web_kategori_slug_6f9c77b5_like"
        ),
    ]

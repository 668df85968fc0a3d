"""Drop this app's ``*_like`` indexes that no query uses (why: ``balai_kernel.migration_ops``)."""

from django.db import migrations

from balai_kernel.migration_ops import like_index_drop


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("surat", "0004_isi_html_field")]

    operations = [
        like_index_drop(
            table="surat_formatsurat", column="slug", index="surat_formatsurat_slug_967e0fb0_like"
        ),
        like_index_drop(
            table="surat_suratkeluar", column="token", index="surat_suratkeluar_token_44697e94_like"
        ),
    ]

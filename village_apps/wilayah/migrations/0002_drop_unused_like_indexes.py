"""Drop this app's ``*_like`` indexes that no query uses (why: ``balai_kernel.migration_ops``)."""

from django.db import migrations

from balai_kernel.migration_ops import like_index_drop


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("wilayah", "0001_initial")]

    operations = [
        like_index_drop(
            table="wilayah_dusun", column="nama", index="wilayah_dusun_nama_b523e1e7_like"
        ),
    ]

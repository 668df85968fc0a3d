"""Drop this app's ``*_like`` indexes that no query uses (why: ``balai_kernel.migration_ops``)."""

from django.db import migrations

from balai_kernel.migration_ops import like_index_drop


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("pengaduan", "0001_initial")]

    operations = [
        like_index_drop(
            table="pengaduan_pengaduan",
            column="kode_lacak",
            index="pengaduan_pengaduan_kode_lacak_26563777_like",
        ),
        like_index_drop(
            table="pengaduan_pengaduan",
            column="status",
            index="pengaduan_pengaduan_status_a8a22afd_like",
        ),
    ]

"""Drop this app's ``*_like`` indexes that no query uses (why: ``balai_kernel.migration_ops``)."""

from django.db import migrations

from balai_kernel.migration_ops import like_index_drop


class Migration(migrations.Migration):
    balai_kind = "contract"

    dependencies = [("kelompok", "0002_initial")]

    operations = [
        like_index_drop(
            table="kelompok_kategorikelompok",
            column="nama",
            index="kelompok_kategorikelompok_nama_2b5f2f03_like",
        ),
        like_index_drop(
            table="kelompok_kelompok", column="kode", index="kelompok_kelompok_kode_75aacc1c_like"
        ),
    ]

"""Roles as data (``Peran``), the sign-in history and the must-change-password flag.

Additive only: the built-in roles are seeded, ``viewer`` renamed and ``Membership.role``
made a foreign key by 0003 (heavy); until then ``permissions`` reads the built-in
defaults of ``roles``."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("akun", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Peran",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(max_length=20, unique=True, verbose_name="kode")),
                ("nama", models.CharField(max_length=100, verbose_name="nama peran")),
                ("bawaan", models.BooleanField(default=False, verbose_name="peran bawaan")),
                ("hak", models.JSONField(blank=True, default=list, verbose_name="hak")),
                ("lihat_nik", models.BooleanField(default=False, verbose_name="lihat NIK/KK lengkap")),
                ("wajib_otp", models.BooleanField(default=False, verbose_name="wajib verifikasi dua langkah")),
                ("diubah_pada", models.DateTimeField(auto_now=True)),
            ],
            options={"verbose_name": "peran", "verbose_name_plural": "peran", "ordering": ["-bawaan", "nama"]},
        ),
        migrations.CreateModel(
            name="RiwayatMasuk",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("waktu", models.DateTimeField(auto_now_add=True)),
                ("alamat", models.GenericIPAddressField(blank=True, null=True)),
                (
                    "hasil",
                    models.CharField(
                        choices=[
                            ("berhasil", "berhasil"),
                            ("gagal", "kata sandi salah atau akun nonaktif"),
                            ("kode_salah", "kode verifikasi salah"),
                            ("terkunci", "dikunci sementara"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "riwayat masuk",
                "ordering": ["-waktu", "-id"],
                "indexes": [models.Index(fields=["user", "-waktu"], name="akun_riwayat_user_waktu")],
            },
        ),
        migrations.AddField(
            model_name="membership",
            name="ganti_sandi",
            field=models.BooleanField(db_default=False, default=False),
        ),
    ]

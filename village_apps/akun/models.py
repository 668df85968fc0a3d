"""Village staff, their roles and sign-ins (village schema). Each village has its own
``auth_user`` table; a ``Membership`` gives a user the role (``Peran``) that decides
what they may see and change."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from village_apps.akun.choices import HasilMasuk, VillageRole

__all__ = ["Membership", "Peran", "RiwayatMasuk", "VillageRole"]


class Peran(models.Model):
    """A role: the built-ins of a village office (``bawaan``; their slugs are
    ``choices.VillageRole``) or one the village's admin made.

    ``hak`` holds grants ``"<module>.<action>"`` (``roles``); ``lihat_nik``: the role
    sees full NIK/KK numbers (required by any change, delete or export grant in a module
    with personal data); ``wajib_otp``: its members must pass a second factor. The
    admin role holds every right whatever ``hak`` says."""

    slug = models.SlugField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama peran"), max_length=100)
    bawaan = models.BooleanField(_("peran bawaan"), default=False)
    hak = models.JSONField(_("hak"), default=list, blank=True)
    lihat_nik = models.BooleanField(_("lihat NIK/KK lengkap"), default=False)
    wajib_otp = models.BooleanField(_("wajib verifikasi dua langkah"), default=False)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("peran")
        verbose_name_plural = _("peran")
        ordering = ["-bawaan", "nama"]

    def __str__(self) -> str:
        return self.nama


class Membership(models.Model):
    """A village user's role and office (``jabatan``: what the letters print under the
    signer's name). ``ganti_sandi``: the password was made by the admin and shown once;
    the user must choose their own before anything else."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.ForeignKey(
        Peran,
        to_field="slug",
        db_column="role",
        on_delete=models.PROTECT,
        related_name="anggota",
        verbose_name=_("peran"),
    )
    jabatan = models.CharField(_("jabatan"), max_length=100, blank=True, default="")
    ganti_sandi = models.BooleanField(default=False, db_default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan")

    def __str__(self) -> str:
        return f"{self.user} ({self.role_id})"


class RiwayatMasuk(models.Model):
    """One sign-in attempt of a village account: when, from which address, how it
    ended. Attempts with a name that is no account here are not kept (the name is not
    stored anywhere). Kept when the account is deactivated; no foreign-key constraint,
    so nothing about an account ever blocks on its history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    waktu = models.DateTimeField(auto_now_add=True)
    alamat = models.GenericIPAddressField(null=True, blank=True)
    hasil = models.CharField(max_length=12, choices=HasilMasuk.choices)

    class Meta:
        verbose_name = _("riwayat masuk")
        ordering = ["-waktu", "-id"]
        indexes = [models.Index(fields=["user", "-waktu"], name="akun_riwayat_user_waktu")]

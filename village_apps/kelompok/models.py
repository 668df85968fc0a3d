"""Community groups (OpenSID ``kelompok`` / ``kelompok_anggota``): PKK, karang taruna,
farmer groups… Aid programmes may target a group, so members are residents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KategoriKelompok(models.Model):
    """A group category (OpenSID ``kelompok_master``), editable by the village."""

    nama = models.CharField(_("kategori"), max_length=100, unique=True)
    deskripsi = models.CharField(_("deskripsi"), max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("kategori kelompok")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class Kelompok(models.Model):
    """A community group with a chair (a resident) and members."""

    kategori = models.ForeignKey(
        KategoriKelompok, verbose_name=_("kategori"), on_delete=models.PROTECT
    )
    kode = models.CharField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama kelompok"), max_length=100)
    ketua = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name=_("ketua"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    keterangan = models.TextField(_("keterangan"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kelompok")
        verbose_name_plural = _("kelompok")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class KelompokAnggota(models.Model):
    """Membership of a resident in a group (once per group)."""

    kelompok = models.ForeignKey(Kelompok, on_delete=models.CASCADE, related_name="anggota")
    penduduk = models.ForeignKey(
        "penduduk.Penduduk", on_delete=models.CASCADE, related_name="keanggotaan_kelompok"
    )
    jabatan = models.CharField(_("jabatan"), max_length=50, blank=True, default="")
    no_anggota = models.CharField(_("nomor anggota"), max_length=30, blank=True, default="")

    class Meta:
        verbose_name = _("anggota kelompok")
        verbose_name_plural = _("anggota kelompok")
        constraints = [
            models.UniqueConstraint(
                fields=["kelompok", "penduduk"],
                name="kelompok_anggota_unik",
                violation_error_message=_("Penduduk ini sudah menjadi anggota kelompok."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kelompok_id}:{self.penduduk_id}"

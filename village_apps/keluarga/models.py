"""Families (Kartu Keluarga) and households (rumah tangga), as OpenSID keeps them.

Members point at their family/household from ``Penduduk`` (``keluarga``,
``rumah_tangga``); the family's head is also stored here so lists need no subquery.
The head's SHDK (``kk_level`` 1) and ``Keluarga.kepala`` are kept in step by the
services in ``village_apps.keluarga.services``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from village_apps.referensi import KelasSosial


class Keluarga(models.Model):
    """One Kartu Keluarga. ``no_kk`` is 16 digits (or OpenSID's temporary ``0…`` number)."""

    no_kk = models.CharField(_("nomor KK"), max_length=16, unique=True)
    kepala = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name=_("kepala keluarga"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    alamat = models.CharField(_("alamat"), max_length=200, blank=True, default="")
    wilayah = models.ForeignKey(
        "wilayah.RT",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="keluarga_set",
    )
    kelas_sosial = models.PositiveSmallIntegerField(
        _("kelas sosial"), choices=KelasSosial.choices, null=True, blank=True
    )
    tgl_daftar = models.DateField(_("tanggal terdaftar"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("keluarga")
        verbose_name_plural = _("keluarga")
        ordering = ["no_kk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(no_kk__regex=r"^[0-9]{16}$"),
                name="keluarga_no_kk_16_digit",
                violation_error_message=_("Nomor KK harus 16 angka."),
            )
        ]

    def __str__(self) -> str:
        return self.no_kk


class RumahTangga(models.Model):
    """A household (OpenSID ``tweb_rtm``): people living under one roof, possibly
    several KKs. ``no_rtm`` is OpenSID's household number (free text, unique)."""

    no_rtm = models.CharField(_("nomor rumah tangga"), max_length=30, unique=True)
    kepala = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name=_("kepala rumah tangga"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bdt = models.CharField(_("nomor BDT"), max_length=30, blank=True, default="")
    tgl_daftar = models.DateField(_("tanggal terdaftar"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rumah tangga")
        verbose_name_plural = _("rumah tangga")
        ordering = ["no_rtm"]

    def __str__(self) -> str:
        return self.no_rtm

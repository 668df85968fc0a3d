"""Administrative units inside a village: dusun → RW → RT (OpenSID's ``tweb_wil_clusterdesa``).

A resident and a family always point at an RT. A dusun without RWs, or an RW without
RTs, gets a placeholder unit named ``-`` (what OpenSID writes), so every resident has
exactly one leaf and counts per unit are one GROUP BY.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from village_apps.wilayah.alamat import unit_label, wilayah_label

TANPA = "-"  # the placeholder name of a missing RW/RT level, as OpenSID writes it


class Dusun(models.Model):
    """A hamlet. ``kepala`` is the kepala dusun (a resident, optional)."""

    nama = models.CharField(_("nama dusun"), max_length=100, unique=True)
    kepala = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name=_("kepala dusun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("dusun")
        verbose_name_plural = _("dusun")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class RW(models.Model):
    """A rukun warga inside a dusun; ``nama`` is the number as written (``002``) or ``-``."""

    dusun = models.ForeignKey(Dusun, on_delete=models.CASCADE, related_name="rw_set")
    nama = models.CharField(_("RW"), max_length=10)
    ketua = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name=_("ketua RW"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("RW")
        verbose_name_plural = _("RW")
        ordering = ["dusun__nama", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["dusun", "nama"],
                name="wilayah_rw_unik",
                violation_error_message=_("RW ini sudah ada di dusun tersebut."),
            )
        ]

    def __str__(self) -> str:
        return " / ".join(
            p for p in (unit_label(self.dusun.nama, "dusun"), unit_label(self.nama, "rw")) if p
        )


class RT(models.Model):
    """A rukun tetangga: the leaf every resident and family points at."""

    rw = models.ForeignKey(RW, on_delete=models.CASCADE, related_name="rt_set")
    nama = models.CharField(_("RT"), max_length=10)
    ketua = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name=_("ketua RT"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("RT")
        verbose_name_plural = _("RT")
        ordering = ["rw__dusun__nama", "rw__nama", "nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["rw", "nama"],
                name="wilayah_rt_unik",
                violation_error_message=_("RT ini sudah ada di RW tersebut."),
            )
        ]

    def __str__(self) -> str:
        return wilayah_label(self, sep=" / ")

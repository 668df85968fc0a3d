"""APBDes (Anggaran Pendapatan dan Belanja Desa): one budget per year, its detail rows.

Only the most detailed rows are stored (``BarisApbdes``); sub-totals for kelompok,
bidang and sub-bidang are computed from codes by ``keuangan.selectors``, never
stored, so they are always consistent with the rows.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from village_apps.keuangan.choices import Kelompok


class Apbdes(models.Model):
    """The budget of one fiscal year."""

    tahun = models.PositiveSmallIntegerField(
        _("tahun anggaran"),
        unique=True,
        validators=[MinValueValidator(2015), MaxValueValidator(2100)],
    )
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True, default="")
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-tahun"]
        verbose_name = _("APBDes")

    def __str__(self) -> str:
        return f"APBDes {self.tahun}"


class BarisApbdes(models.Model):
    """One detail row: anggaran and realisasi per semester, in rupiah."""

    apbdes = models.ForeignKey(Apbdes, on_delete=models.CASCADE, related_name="baris")
    kelompok = models.CharField(_("kelompok"), max_length=12, choices=Kelompok.choices)
    kode = models.CharField(_("kode rekening"), max_length=20)
    uraian = models.CharField(_("uraian"), max_length=255)
    anggaran = models.DecimalField(_("anggaran"), max_digits=15, decimal_places=2, default=0)
    realisasi_s1 = models.DecimalField(
        _("realisasi semester I"), max_digits=15, decimal_places=2, default=0
    )
    realisasi_s2 = models.DecimalField(
        _("realisasi semester II"), max_digits=15, decimal_places=2, default=0
    )

    class Meta:
        ordering = ["kelompok", "kode"]
        verbose_name = _("baris APBDes")
        constraints = [
            models.UniqueConstraint(
                fields=["apbdes", "kelompok", "kode"],
                name="baris_apbdes_kode_unik",
                violation_error_message=_("Kode rekening ini sudah ada di APBDes tahun ini."),
            ),
            models.CheckConstraint(
                condition=Q(anggaran__gte=0) & Q(realisasi_s1__gte=0) & Q(realisasi_s2__gte=0),
                name="baris_apbdes_tidak_negatif",
                violation_error_message=_("Anggaran dan realisasi tidak boleh negatif."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"

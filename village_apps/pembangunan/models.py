"""Development projects (pembangunan) shown to the public with their progress."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from village_apps.pembangunan.choices import SumberDana


class Proyek(models.Model):
    """One project: what, where, paid by whom, how far along."""

    nama = models.CharField(_("nama kegiatan"), max_length=200)
    lokasi = models.CharField(_("lokasi"), max_length=200)
    # A list of ``SumberDana`` values (validated by the service).
    sumber_dana = models.JSONField(_("sumber dana"), default=list, blank=True)
    anggaran = models.DecimalField(_("anggaran (Rp)"), max_digits=15, decimal_places=2, default=0)
    pelaksana = models.CharField(_("pelaksana"), max_length=200, blank=True, default="")
    tahun = models.PositiveSmallIntegerField(
        pgettext_lazy("kolom", "tahun"),
        validators=[MinValueValidator(2015), MaxValueValidator(2100)],
        db_index=True,
    )
    progres = models.PositiveSmallIntegerField(
        _("progres (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    volume = models.CharField(_("volume"), max_length=100, blank=True, default="")
    keterangan = models.TextField(_("keterangan"), blank=True, default="")
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-tahun", "nama"]
        verbose_name = _("proyek pembangunan")
        constraints = [
            models.CheckConstraint(
                condition=Q(progres__lte=100),
                name="proyek_progres_maks_100",
                violation_error_message=_("Progres paling tinggi 100%."),
            ),
            models.CheckConstraint(
                condition=Q(anggaran__gte=0),
                name="proyek_anggaran_tidak_negatif",
                violation_error_message=_("Anggaran tidak boleh negatif."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return f"/pembangunan/{self.pk}/"

    @property
    def sumber_dana_label(self) -> str:
        label = dict(SumberDana.choices)
        return ", ".join(str(label.get(s, s)) for s in self.sumber_dana)


class FotoProyek(models.Model):
    """A progress photo (resized at upload)."""

    proyek = models.ForeignKey(Proyek, on_delete=models.CASCADE, related_name="foto")
    gambar = models.ImageField(_("foto"), upload_to="pembangunan/")
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dibuat_pada", "id"]

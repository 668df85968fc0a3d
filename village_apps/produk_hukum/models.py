"""The village's legal products: regulations and decisions with their steps."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from village_apps.produk_hukum.choices import LEMBARAN, JenisProdukHukum, Tahap


class ProdukHukum(models.Model):
    """One Perdes, Perkades, Peraturan Bersama or Keputusan Kepala Desa.

    Each step is a date (and a number where the step gives one): agreed with the BPD,
    evaluated by the camat/bupati, enacted, reported to the camat, promulgated in the
    Lembaran Desa (regulations of the desa) or the Berita Desa (the others). ``tahap``
    is derived from them by ``produk_hukum_save``; a product is public (the JDIH page)
    once promulgated, or enacted for a decision, which is never promulgated."""

    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisProdukHukum.choices)
    nomor = models.CharField(_("nomor"), max_length=50, blank=True, default="")
    tentang = models.CharField(_("tentang"), max_length=300)
    uraian = models.TextField(_("uraian singkat"), blank=True, default="")
    tahap = models.CharField(
        _("tahap"), max_length=12, choices=Tahap.choices, default=Tahap.RANCANGAN
    )
    tanggal_disepakati = models.DateField(_("tanggal kesepakatan BPD"), null=True, blank=True)
    nomor_evaluasi = models.CharField(_("nomor evaluasi"), max_length=50, blank=True, default="")
    tanggal_evaluasi = models.DateField(_("tanggal evaluasi"), null=True, blank=True)
    tanggal_ditetapkan = models.DateField(_("tanggal ditetapkan"), null=True, blank=True)
    nomor_dilaporkan = models.CharField(
        _("nomor dilaporkan"), max_length=50, blank=True, default=""
    )
    tanggal_dilaporkan = models.DateField(_("tanggal dilaporkan"), null=True, blank=True)
    nomor_diundangkan = models.CharField(
        _("nomor Lembaran/Berita Desa"), max_length=50, blank=True, default=""
    )
    tanggal_diundangkan = models.DateField(_("tanggal diundangkan"), null=True, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True, default="")
    berkas = models.FileField(_("dokumen bertanda tangan"), upload_to="produk_hukum/", blank=True)
    berkas_tipe = models.CharField(max_length=40, blank=True, default="")
    opensid_id = models.CharField(max_length=20, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-tanggal_ditetapkan", "-id"]
        verbose_name = _("produk hukum")
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_ditetapkan__isnull=True) | ~Q(nomor=""),
                name="produk_hukum_ditetapkan_bernomor",
                violation_error_message=_("Produk hukum yang ditetapkan harus bernomor."),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_diundangkan__isnull=True)
                | Q(
                    tanggal_ditetapkan__isnull=False,
                    tanggal_diundangkan__gte=models.F("tanggal_ditetapkan"),
                ),
                name="produk_hukum_diundangkan_setelah_ditetapkan",
                violation_error_message=_(
                    "Tanggal diundangkan tidak boleh sebelum tanggal ditetapkan."
                ),
            ),
        ]
        indexes = [models.Index(fields=["jenis", "tanggal_ditetapkan"])]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.nomor}".strip()

    def get_absolute_url(self) -> str:
        return f"/jdih/{self.pk}/"

    @property
    def diundangkan_di(self) -> str:
        return "Lembaran Desa" if self.jenis in LEMBARAN else "Berita Desa"

    @property
    def publik(self) -> bool:
        return self.tahap == Tahap.DIUNDANGKAN or (
            self.jenis == JenisProdukHukum.KEPKADES and self.tahap == Tahap.DITETAPKAN
        )

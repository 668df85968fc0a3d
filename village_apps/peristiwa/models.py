"""Population events (OpenSID ``log_penduduk``) and family changes (``log_keluarga``).

Every change of a resident's ``status_dasar`` writes exactly one ``LogPenduduk`` row in
the same transaction, and every resident enters the population through one (birth,
arrival, return or initial registration). The monthly report counts these rows by
``tanggal_peristiwa`` (the event date, not the report date), which is what makes
start + in − out = end hold and agree with the live totals.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from village_apps.peristiwa.choices import JenisPindah, KodePeristiwa, KodePeristiwaKeluarga
from village_apps.referensi import Sex

# Events that add a person to / remove a person from the live population.
PERISTIWA_MASUK = (
    KodePeristiwa.LAHIR,
    KodePeristiwa.PINDAH_MASUK,
    KodePeristiwa.KEMBALI,
    KodePeristiwa.DATA_AWAL,
)
PERISTIWA_KELUAR = (
    KodePeristiwa.MATI,
    KodePeristiwa.PINDAH_KELUAR,
    KodePeristiwa.HILANG,
    KodePeristiwa.PERGI,
    KodePeristiwa.TIDAK_VALID,
)


class LogPenduduk(models.Model):
    """One population event. ``sex`` is copied from the resident at the time so the
    report by sex never changes when a record is corrected later."""

    penduduk = models.ForeignKey(
        "penduduk.Penduduk", on_delete=models.PROTECT, related_name="peristiwa"
    )
    kode_peristiwa = models.PositiveSmallIntegerField(_("peristiwa"), choices=KodePeristiwa.choices)
    tanggal_peristiwa = models.DateField(_("tanggal peristiwa"))
    tanggal_lapor = models.DateField(_("tanggal lapor"))
    sex = models.PositiveSmallIntegerField(choices=Sex.choices)
    ref_pindah = models.PositiveSmallIntegerField(
        _("jenis pindah"), choices=JenisPindah.choices, null=True, blank=True
    )
    meninggal_di = models.CharField(_("meninggal di"), max_length=50, blank=True, default="")
    alamat_tujuan = models.CharField(_("alamat tujuan"), max_length=200, blank=True, default="")
    catatan = models.TextField(_("catatan"), blank=True, default="")
    no_kk = models.CharField(_("nomor KK saat peristiwa"), max_length=16, blank=True, default="")
    created_by_id = models.IntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("peristiwa penduduk")
        verbose_name_plural = _("peristiwa penduduk")
        ordering = ["-tanggal_peristiwa", "-id"]
        indexes = [
            models.Index(fields=["tanggal_peristiwa", "kode_peristiwa"], name="log_tgl_kode"),
            models.Index(fields=["penduduk", "tanggal_peristiwa"], name="log_penduduk_tgl"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kode_peristiwa_display()} {self.tanggal_peristiwa}"


class LogKeluarga(models.Model):
    """A change of a family (new KK, split, new head)."""

    keluarga = models.ForeignKey(
        "keluarga.Keluarga", on_delete=models.CASCADE, related_name="riwayat"
    )
    kode = models.PositiveSmallIntegerField(choices=KodePeristiwaKeluarga.choices)
    penduduk = models.ForeignKey(
        "penduduk.Penduduk", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tanggal = models.DateField()
    catatan = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat keluarga")
        ordering = ["-tanggal", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kode_display()} {self.tanggal}"

"""An OpenSID import started from the back office: its files, options, progress and report."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The same life cycle as the background resident import (and the same words on screen).
from village_apps.penduduk.choices import StatusImpor


class ImporOpenSID(models.Model):
    """One upload. The files live in the village's own storage prefix and are deleted
    once the background task ran; the report (counts and row ids, no personal data
    beyond what the village already holds) stays."""

    berkas = models.FileField(_("cadangan basis data"), upload_to="opensid_import/")
    berkas_desa = models.FileField(_("arsip folder desa"), upload_to="opensid_import/", blank=True)
    nama_berkas = models.CharField(max_length=200)
    kode_desa = models.CharField(max_length=20, blank=True, default="")
    ketat = models.BooleanField(default=False)
    terima_selisih = models.BooleanField(default=False)
    uji_coba = models.BooleanField(default=False)
    ganti = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=StatusImpor.choices, default=StatusImpor.MENUNGGU
    )
    persen = models.PositiveSmallIntegerField(default=0)
    tahap = models.CharField(max_length=40, blank=True, default="")
    hasil = models.JSONField(null=True, blank=True)
    created_by_id = models.IntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("impor OpenSID")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.nama_berkas

    @property
    def berjalan(self) -> bool:
        """Waiting for or in the worker (the status page keeps refreshing)."""
        return self.status in (StatusImpor.MENUNGGU, StatusImpor.BERJALAN)

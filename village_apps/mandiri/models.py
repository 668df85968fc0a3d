"""Resident self-service (village schema): PINs, letter requests and their documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from village_apps.mandiri.choices import APPROVAL_STATUSES, OPEN_STATUSES, StatusPermohonan


class PinWarga(models.Model):
    """A resident's self-service PIN, hashed with argon2 (never stored or logged in
    clear). ``gagal`` counts failed attempts since the last success; past the free
    attempts each failure locks the account until ``terkunci_sampai``, for longer each
    time — temporary, so a stranger who knows a NIK can not lock a resident out for good.
    """

    penduduk = models.OneToOneField(
        "penduduk.Penduduk", on_delete=models.CASCADE, related_name="pin_mandiri"
    )
    pin_hash = models.CharField(max_length=255)
    gagal = models.PositiveIntegerField(default=0)
    terkunci_sampai = models.DateTimeField(null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now=True)
    terakhir_masuk = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("PIN layanan mandiri")


class Permohonan(models.Model):
    """A resident's request for a letter, worked by the operator and, if the village's
    approval chain says so, the sekdes and kades. ``tahap`` indexes the chain
    (``["operator", *PengaturanSurat.rantai_persetujuan]``)."""

    penduduk = models.ForeignKey(
        "penduduk.Penduduk", on_delete=models.CASCADE, related_name="permohonan_surat"
    )
    format = models.ForeignKey("surat.FormatSurat", on_delete=models.PROTECT, related_name="+")
    isian = models.JSONField(default=dict)
    status = models.PositiveSmallIntegerField(
        choices=StatusPermohonan.choices, default=StatusPermohonan.SEDANG_DIPERIKSA
    )
    tahap = models.PositiveSmallIntegerField(default=0)
    riwayat = models.JSONField(default=list)
    catatan = models.CharField(_("catatan petugas"), max_length=255, blank=True, default="")
    surat = models.OneToOneField(
        "surat.SuratKeluar", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True, db_index=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("permohonan surat")
        ordering = ["-dibuat_pada", "-id"]
        indexes = [models.Index(fields=["status", "dibuat_pada"])]

    @property
    def sedang_disetujui(self) -> bool:
        """Being checked or waiting for a signature: a step of the chain is open."""
        return self.status in APPROVAL_STATUSES

    @property
    def terbuka(self) -> bool:
        """Not yet ready: the resident may still cancel, the office may still return it."""
        return self.status in OPEN_STATUSES

    @property
    def belum_lengkap(self) -> bool:
        """Returned to the resident to complete its documents."""
        return self.status == StatusPermohonan.BELUM_LENGKAP


class DokumenSyarat(models.Model):
    """An uploaded requirement document (type and size checked by the service)."""

    permohonan = models.ForeignKey(Permohonan, on_delete=models.CASCADE, related_name="dokumen")
    nama = models.CharField(max_length=150)
    berkas = models.FileField(upload_to="mandiri/syarat/%Y/")
    tipe = models.CharField(max_length=50)
    ukuran = models.PositiveIntegerField()
    dibuat_pada = models.DateTimeField(auto_now_add=True)

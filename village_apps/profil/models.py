"""Identitas desa (one row per village schema)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProfilDesa(models.Model):
    """The village's identity. Exactly one row (pk=1), prefilled at provisioning from
    the Kemendagri reference data and edited by the village admin."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    nama_desa = models.CharField(_("nama desa"), max_length=100)
    kode_desa = models.CharField(_("kode desa"), max_length=10)
    jenis = models.CharField(_("jenis"), max_length=10, default="desa")
    nama_kecamatan = models.CharField(_("kecamatan"), max_length=100, blank=True, default="")
    kode_kecamatan = models.CharField(max_length=6, blank=True, default="")
    nama_kabupaten = models.CharField(_("kabupaten/kota"), max_length=100, blank=True, default="")
    kode_kabupaten = models.CharField(max_length=4, blank=True, default="")
    nama_provinsi = models.CharField(_("provinsi"), max_length=100, blank=True, default="")
    kode_provinsi = models.CharField(max_length=2, blank=True, default="")
    alamat_kantor = models.CharField(_("alamat kantor"), max_length=255, blank=True, default="")
    kode_pos = models.CharField(_("kode pos"), max_length=5, blank=True, default="")
    telepon = models.CharField(_("telepon"), max_length=30, blank=True, default="")
    email = models.EmailField(_("e-mail"), blank=True, default="")
    website = models.URLField(_("situs web"), blank=True, default="")
    nama_kepala_desa = models.CharField(_("kepala desa"), max_length=100, blank=True, default="")
    nip_kepala_desa = models.CharField(_("NIP kepala desa"), max_length=30, blank=True, default="")
    logo = models.ImageField(_("logo"), upload_to="profil/", blank=True)
    lat = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil desa")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1),
                name="profil_singleton",
                violation_error_message=_("Profil desa hanya satu."),
            )
        ]

    def __str__(self) -> str:
        return self.nama_desa


class Aparatur(models.Model):
    """A village official (perangkat desa). ``boleh_ttd`` marks who may sign letters;
    the letters module lists only active officials with it set."""

    nama = models.CharField(_("nama"), max_length=100)
    penduduk = models.ForeignKey(
        "penduduk.Penduduk",
        verbose_name=_("data penduduk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nip = models.CharField(_("NIP"), max_length=30, blank=True, default="")
    nipd = models.CharField(_("NIPD"), max_length=30, blank=True, default="")
    jabatan = models.CharField(_("jabatan"), max_length=100)
    no_sk = models.CharField(_("nomor SK pengangkatan"), max_length=100, blank=True, default="")
    tanggal_sk = models.DateField(_("tanggal SK"), null=True, blank=True)
    # For the Buku Aparat Pemerintah Desa (Permendagri 47/2016).
    pangkat_golongan = models.CharField(
        _("pangkat/golongan"), max_length=50, blank=True, default="", db_default=""
    )
    no_sk_berhenti = models.CharField(
        _("nomor SK pemberhentian"), max_length=100, blank=True, default="", db_default=""
    )
    tanggal_sk_berhenti = models.DateField(_("tanggal SK pemberhentian"), null=True, blank=True)
    masa_mulai = models.DateField(_("masa jabatan mulai"), null=True, blank=True)
    masa_selesai = models.DateField(_("masa jabatan selesai"), null=True, blank=True)
    foto = models.ImageField(_("foto"), upload_to="aparatur/", blank=True)
    boleh_ttd = models.BooleanField(_("boleh menandatangani surat"), default=False)
    aktif = models.BooleanField(_("aktif"), default=True)
    urutan = models.PositiveSmallIntegerField(_("urutan tampil"), default=0)

    class Meta:
        verbose_name = _("aparatur desa")
        verbose_name_plural = _("aparatur desa")
        ordering = ["urutan", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(masa_selesai__isnull=True)
                | Q(masa_mulai__isnull=True)
                | Q(masa_selesai__gte=models.F("masa_mulai")),
                name="aparatur_masa_urut",
                violation_error_message=_("Masa jabatan selesai harus sesudah masa mulai."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan})"

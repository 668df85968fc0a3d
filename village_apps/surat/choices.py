from django.db import models
from django.utils.translation import gettext_lazy as _


class Ukuran(models.TextChoices):
    F4 = "F4", _("F4 (215 × 330 mm)")
    A4 = "A4", _("A4 (210 × 297 mm)")


# Paper sizes in millimetres (portrait).
UKURAN_MM = {Ukuran.F4: (215, 330), Ukuran.A4: (210, 297)}


class Orientasi(models.TextChoices):
    POTRET = "potret", _("Potret")
    LANSKAP = "lanskap", _("Lanskap")


class SatuanBerlaku(models.TextChoices):
    HARI = "d", _("hari")
    MINGGU = "w", _("minggu")
    BULAN = "M", _("bulan")
    TAHUN = "y", _("tahun")


class LingkupNomor(models.TextChoices):
    PER_JENIS = "jenis", _("Per jenis surat")
    GLOBAL = "global", _("Semua surat (satu urutan)")


class StatusSurat(models.TextChoices):
    TERBIT = "terbit", _("Berlaku")
    DICABUT = "dicabut", _("Dicabut")


class SumberFormat(models.TextChoices):
    BALAI = "balai", _("Bawaan Balai")
    OPENSID = "opensid", _("Impor OpenSID")
    DESA = "desa", _("Dibuat desa")


DEFAULT_FORMAT_NOMOR = "[kode_surat]/[nomor_surat, 3]/[kode_desa]/[bulan_romawi]/[tahun]"


class SumberMasalah(models.TextChoices):
    """Where a problem found by the pre-issue check is fixed."""

    FORMAT = "format", _("Format surat")
    PROFIL = "profil", _("Profil desa")
    PENDUDUK = "penduduk", _("Data penduduk")
    ISIAN = "isian", _("Isian surat")
    PENANDA_TANGAN = "penanda_tangan", _("Penanda tangan")
    PENGATURAN = "pengaturan", _("Pengaturan surat")

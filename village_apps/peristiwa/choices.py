"""Code lists of population events (OpenSID's codes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KodePeristiwa(models.IntegerChoices):
    """OpenSID's ``ref_peristiwa`` codes 1–6, plus Balai's 7 (kembali), 8 (data awal)
    and 9 (dinyatakan tidak valid)."""

    LAHIR = 1, _("Lahir")
    MATI = 2, _("Mati")
    PINDAH_KELUAR = 3, _("Pindah keluar")
    HILANG = 4, _("Hilang")
    PINDAH_MASUK = 5, _("Pindah masuk")
    PERGI = 6, _("Pergi")
    KEMBALI = 7, _("Kembali")
    DATA_AWAL = 8, _("Pencatatan data awal")
    TIDAK_VALID = 9, _("Dinyatakan tidak valid")


class JenisPindah(models.IntegerChoices):
    """OpenSID ``ref_pindah``: how far a resident moved out."""

    DESA = 1, _("Pindah keluar desa/kelurahan")
    KECAMATAN = 2, _("Pindah keluar kecamatan")
    KABUPATEN = 3, _("Pindah keluar kabupaten/kota")
    PROVINSI = 4, _("Pindah keluar provinsi")


class KodePeristiwaKeluarga(models.IntegerChoices):
    KK_BARU = 1, _("KK baru")
    KEPALA_MATI = 2, _("Kepala keluarga meninggal")
    PECAH_KK = 3, _("Pecah KK")
    GANTI_KEPALA = 4, _("Ganti kepala keluarga")
    ANGGOTA_MASUK = 5, _("Anggota masuk")
    ANGGOTA_KELUAR = 6, _("Anggota keluar")

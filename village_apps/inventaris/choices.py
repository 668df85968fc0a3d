from django.db import models
from django.utils.translation import gettext_lazy as _


class KategoriAset(models.TextChoices):
    """The Kartu Inventaris Barang (KIB) categories."""

    TANAH = "A", _("A. Tanah")
    PERALATAN = "B", _("B. Peralatan dan mesin")
    GEDUNG = "C", _("C. Gedung dan bangunan")
    JALAN = "D", _("D. Jalan, irigasi dan jaringan")
    LAINNYA = "E", _("E. Aset tetap lainnya")
    KONSTRUKSI = "F", _("F. Konstruksi dalam pengerjaan")


class SumberAset(models.TextChoices):
    """Where an asset came from (the book's "asal barang")."""

    APBDES = "apbdes", _("Dibeli sendiri (APBDes)")
    PEMERINTAH = "pemerintah", _("Bantuan pemerintah")
    PROVINSI = "provinsi", _("Bantuan provinsi")
    KABUPATEN = "kabupaten", _("Bantuan kabupaten/kota")
    HIBAH = "hibah", _("Hibah/sumbangan")
    LAIN = "lain", _("Lain-lain")


class Kondisi(models.TextChoices):
    BAIK = "baik", _("Baik")
    RUSAK_RINGAN = "rusak_ringan", _("Rusak ringan")
    RUSAK_BERAT = "rusak_berat", _("Rusak berat")


class JenisMutasi(models.TextChoices):
    KONDISI = "kondisi", _("Perubahan kondisi")
    PINDAH = "pindah", _("Pindah lokasi")
    JUAL = "jual", _("Dijual")
    HAPUS = "hapus", _("Dihapus (rusak/hilang)")
    PINDAHTANGAN = "pindahtangan", _("Dipindahtangankan/disumbangkan")


# Mutations after which the asset is no longer the village's.
KELUAR = (JenisMutasi.JUAL, JenisMutasi.HAPUS, JenisMutasi.PINDAHTANGAN)

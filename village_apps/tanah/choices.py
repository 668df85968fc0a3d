from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusHak(models.TextChoices):
    HAK_MILIK = "hm", _("Hak milik")
    HAK_GUNA_BANGUNAN = "hgb", _("Hak guna bangunan")
    HAK_PAKAI = "hp", _("Hak pakai")
    HAK_GUNA_USAHA = "hgu", _("Hak guna usaha")
    HAK_PENGELOLAAN = "hpl", _("Hak pengelolaan")
    HAK_MILIK_ADAT = "adat", _("Hak milik adat")
    VERPONDING = "verponding", _("Hak verponding Indonesia")
    TANAH_NEGARA = "negara", _("Tanah negara")


class Penggunaan(models.TextChoices):
    PERUMAHAN = "perumahan", _("Perumahan")
    PERDAGANGAN_JASA = "perdagangan_jasa", _("Perdagangan dan jasa")
    PERKANTORAN = "perkantoran", _("Perkantoran")
    INDUSTRI = "industri", _("Industri")
    FASILITAS_UMUM = "fasilitas_umum", _("Fasilitas umum")
    SAWAH = "sawah", _("Sawah")
    TEGALAN = "tegalan", _("Tegalan")
    PERKEBUNAN = "perkebunan", _("Perkebunan")
    PETERNAKAN_PERIKANAN = "peternakan_perikanan", _("Peternakan/perikanan")
    HUTAN_BELUKAR = "hutan_belukar", _("Hutan belukar")
    HUTAN_LEBAT = "hutan_lebat_lindung", _("Hutan lebat/lindung")
    TANAH_KOSONG = "tanah_kosong", _("Tanah kosong")
    LAIN = "lain", _("Lain-lain")


class AsalTanahKas(models.TextChoices):
    ASLI = "asli", _("Asli milik desa")
    PEMERINTAH = "pemerintah", _("Bantuan pemerintah")
    PROVINSI = "provinsi", _("Bantuan provinsi")
    KABUPATEN = "kabupaten", _("Bantuan kabupaten/kota")
    LAIN = "lain", _("Lain-lain (jual beli, hibah)")


class JenisLahan(models.TextChoices):
    SAWAH = "sawah", _("Sawah")
    TEGAL = "tegal", _("Tegal")
    KEBUN = "kebun", _("Kebun")
    TAMBAK = "tambak_kolam", _("Tambak/kolam")
    DARAT = "tanah_kering_darat", _("Tanah kering/darat")


class Peruntukan(models.TextChoices):
    SEWA = "sewa", _("Sewa")
    PINJAM_PAKAI = "pinjam_pakai", _("Pinjam pakai")
    KERJASAMA = "kerjasama", _("Kerja sama pemanfaatan")
    BGS = "bgs", _("Bangun guna serah atau bangun serah guna")
    LAIN = "lain", _("Lain-lain")

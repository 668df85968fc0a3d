"""OpenSID's aid-programme codes (``program.sasaran`` and ``program.asaldana``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sasaran(models.IntegerChoices):
    PENDUDUK = 1, _("Penduduk")
    KELUARGA = 2, _("Keluarga")
    RUMAH_TANGGA = 3, _("Rumah tangga")
    KELOMPOK = 4, _("Kelompok")


class AsalDana(models.IntegerChoices):
    PUSAT = 1, _("Pusat")
    PROVINSI = 2, _("Provinsi")
    KABUPATEN = 3, _("Kab/Kota")
    DANA_DESA = 4, _("Dana Desa")
    LAIN = 5, _("Lain-lain (Hibah)")

from django.db import models
from django.utils.translation import gettext_lazy as _


class SumberDana(models.TextChoices):
    DANA_DESA = "dd", _("Dana Desa")
    ADD = "add", _("Alokasi Dana Desa")
    PAD = "pad", _("Pendapatan Asli Desa")
    PROVINSI = "prov", _("Bantuan Provinsi")
    KABUPATEN = "kab", _("Bantuan Kabupaten/Kota")
    SWADAYA = "swadaya", _("Swadaya masyarakat")
    LAIN = "lain", _("Lain-lain")

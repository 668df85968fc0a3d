"""Code lists of the population app itself. OpenSID's code lists for residents
(sex, religion, family relation, status dasar, …) are shared by the whole register and
live one level down, in ``village_apps.referensi``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusImpor(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    BERJALAN = "berjalan", _("Sedang diproses")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal (tidak ada data yang disimpan)")

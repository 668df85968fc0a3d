from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusPengaduan(models.TextChoices):
    BARU = "baru", _("Baru")
    DIPROSES = "diproses", _("Sedang diproses")
    SELESAI = "selesai", _("Selesai")
    DITOLAK = "ditolak", _("Ditolak")

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StatusPengaduan(models.TextChoices):
    BARU = "baru", _("Baru")
    DIPROSES = "diproses", pgettext_lazy("status pengaduan", "Sedang diproses")
    SELESAI = "selesai", pgettext_lazy("status pengaduan", "Selesai")
    DITOLAK = "ditolak", _("Ditolak")

"""Code lists of the secretariat's registers."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StatusSuratMasuk(models.TextChoices):
    """An incoming letter: recorded, handed to staff by disposition, dealt with."""

    BARU = "baru", pgettext_lazy("surat masuk", "Baru")
    DIDISPOSISI = "didisposisi", _("Didisposisi")
    SELESAI = "selesai", pgettext_lazy("surat masuk", "Selesai")


class StatusDisposisi(models.TextChoices):
    TERBUKA = "terbuka", _("Belum ditindaklanjuti")
    SELESAI = "selesai", _("Sudah ditindaklanjuti")


class JenisAgenda(models.TextChoices):
    """Which half of the Buku Agenda a row fills."""

    MASUK = "masuk", _("Surat masuk")
    KELUAR = "keluar", _("Surat keluar")

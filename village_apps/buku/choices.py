from django.db import models
from django.utils.translation import gettext_lazy as _


class BookGroup(models.TextChoices):
    """The four parts of the Buku Administrasi Desa (Permendagri 47/2016), in the
    regulation's order (pages and ``buku list`` keep it)."""

    UMUM = "umum", _("Buku Administrasi Umum")
    PENDUDUK = "penduduk", _("Buku Administrasi Penduduk")
    PEMBANGUNAN = "pembangunan", _("Buku Administrasi Pembangunan")
    KEUANGAN = "keuangan", _("Buku Administrasi Keuangan")

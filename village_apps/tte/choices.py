from django.db import models
from django.utils.translation import gettext_lazy as _


class Penyedia(models.TextChoices):
    """Who makes a village's electronic signatures (``providers.py``)."""

    NONAKTIF = "nonaktif", _("Tidak memakai tanda tangan elektronik")
    LOKAL = "lokal", _("Sertifikat desa (PKCS#12) — ditandatangani di server Balai")
    BSRE = "bsre", _("BSrE (Balai Sertifikasi Elektronik, BSSN)")


class AsalSertifikat(models.TextChoices):
    UNGGAH = "unggah", _("Diunggah desa")
    CA_LOKAL = "ca_lokal", _("Dibuat CA lokal Balai (uji coba)")


class HasilVerifikasi(models.TextChoices):
    """The outcome of checking a stored PDF's signature."""

    VALID = "valid", _("valid")
    TIDAK_VALID = "tidak_valid", _("tidak valid")
    TANPA_TTE = "tanpa_tte", _("tanpa tanda tangan elektronik")

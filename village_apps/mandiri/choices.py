from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusPermohonan(models.IntegerChoices):
    """OpenSID's request statuses (``permohonan_surat.status``), same numbers."""

    BELUM_LENGKAP = 0, _("Belum lengkap")
    SEDANG_DIPERIKSA = 1, _("Sedang diperiksa")
    MENUNGGU_TTD = 2, _("Menunggu tanda tangan")
    SIAP_DIAMBIL = 3, _("Siap diambil")
    SUDAH_DIAMBIL = 4, _("Sudah diambil")
    DIBATALKAN = 5, _("Dibatalkan")


OPEN_STATUSES = (
    StatusPermohonan.BELUM_LENGKAP,
    StatusPermohonan.SEDANG_DIPERIKSA,
    StatusPermohonan.MENUNGGU_TTD,
)

# Waiting at a step of the approval chain.
APPROVAL_STATUSES = (StatusPermohonan.SEDANG_DIPERIKSA, StatusPermohonan.MENUNGGU_TTD)


class Tahap(models.TextChoices):
    """Steps of the approval chain; the operator's check always comes first. Every later
    step is the slug of a village role (``akun``): these are the built-in ones."""

    OPERATOR = "operator", _("Operator")
    SEKDES = "sekdes", _("Sekretaris desa")
    KADES = "kades", _("Kepala desa")

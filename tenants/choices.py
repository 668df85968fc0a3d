from django.db import models
from django.utils.translation import gettext_lazy as _


class VillageStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu persetujuan")
    PROVISIONING = "provisioning", _("Sedang disiapkan")
    ACTIVE = "active", _("Aktif")
    SUSPENDED = "suspended", _("Ditangguhkan (hanya-baca)")
    ARCHIVED = "archived", _("Diarsipkan")
    REJECTED = "rejected", _("Ditolak")
    FAILED = "failed", _("Gagal disiapkan")


# Statuses whose schema exists and whose site is served.
ROUTABLE_STATUSES = frozenset({VillageStatus.ACTIVE, VillageStatus.SUSPENDED})


class SuspensionReason(models.TextChoices):
    BILLING = "billing", _("Tagihan belum dibayar")
    OPERATIONS = "operations", _("Operasional")
    OTHER = "other", _("Lainnya")


class VillageKind(models.TextChoices):
    DESA = "desa", _("Desa")
    KELURAHAN = "kelurahan", _("Kelurahan")

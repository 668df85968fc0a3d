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


class DomainStatus(models.TextChoices):
    """Ownership of a custom domain. Only ``verified`` domains are routed."""

    PENDING = "pending", _("Menunggu bukti kepemilikan")
    VERIFIED = "verified", _("Terverifikasi")
    FAILED = "failed", _("Gagal diverifikasi")


class DomainCheckResult(models.TextChoices):
    """What the last ownership check of a custom domain found."""

    FOUND = "found", _("Catatan TXT ditemukan dan cocok.")
    MISSING = "missing", _("Catatan TXT tidak ditemukan.")
    MISMATCH = "mismatch", _("Catatan TXT ada, tetapi isinya tidak cocok dengan token.")
    ERROR = "error", _("Server DNS tidak menjawab; pemeriksaan diulang nanti.")
    TAKEN = "taken", _("Domain ini sudah terverifikasi untuk desa lain.")
    EXPIRED = (
        "expired",
        _("Kepemilikan tidak terbukti dalam batas waktu; tambahkan ulang domain ini."),
    )

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


class LifecycleAction(models.TextChoices):
    """What a ``LifecycleEvent`` records (``tenants.services.lifecycle_event_record``), with
    the label the operations console's history shows. Every code a service writes must be
    here: ``tests/tenants/test_lifecycle_labels.py`` reads every call site."""

    CREATED = "created", _("Desa didaftarkan")
    APPROVED = "approved", _("Pendaftaran disetujui")
    REJECTED = "rejected", _("Pendaftaran ditolak")
    ACTIVATED = "activated", _("Desa diaktifkan")
    PROVISION_FAILED = "provision_failed", _("Penyiapan desa gagal")
    SUSPENDED = "suspended", _("Desa ditangguhkan")
    RESUMED = "resumed", _("Penangguhan dicabut")
    ARCHIVED = "archived", _("Desa diarsipkan")
    EXPORTED = "exported", _("Data desa diekspor")
    RESTORED = "restored", _("Desa dipulihkan dari arsip")
    DELETED = "deleted", _("Desa dihapus")
    MODULES_CHANGED = "modules_changed", _("Modul paket diubah")
    DOMAIN_ADDED = "domain_added", _("Domain khusus ditambahkan")
    DOMAIN_REMOVED = "domain_removed", _("Domain khusus dilepas")
    DOMAIN_CHECKED = "domain_checked", _("Kepemilikan domain diperiksa")
    DOMAIN_VERIFIED = "domain_verified", _("Domain khusus terverifikasi")
    DOMAIN_FAILED = "domain_failed", _("Domain khusus gagal diverifikasi")
    WILAYAH_MOVED = "wilayah_moved", _("Kode wilayah diperbarui (edisi Kemendagri)")
    UPGRADE_FAILURE_CLEARED = "upgrade_failure_cleared", _("Kegagalan pemutakhiran dihapus")
    BACKUP_REQUESTED = "backup_requested", _("Pencadangan diminta")
    ADMIN_PASSWORD_LINK_SENT = (
        "admin_password_link_sent",
        _("Tautan atur kata sandi admin dikirim"),
    )
    JOB_RETRIED = "job_retried", _("Pekerjaan latar diulang")


def lifecycle_action_label(code: str) -> str:
    """The label of a recorded action; an unknown (older) code is shown as it is."""
    try:
        return str(LifecycleAction(code).label)
    except ValueError:
        return code


class BackupStatus(models.TextChoices):
    """Where one backup of one village stands (``tenants.backups``)."""

    QUEUED = "queued", _("Dalam antrean")
    RUNNING = "running", _("Sedang berjalan")
    SUCCEEDED = "succeeded", _("Berhasil")
    FAILED = "failed", _("Gagal")


class BackupTrigger(models.TextChoices):
    SCHEDULED = "scheduled", _("Terjadwal")
    MANUAL = "manual", _("Diminta")

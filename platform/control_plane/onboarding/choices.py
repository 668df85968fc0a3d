from django.db import models
from django.utils.translation import gettext_lazy as _


class SignupStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Menunggu verifikasi e-mail")
    PENDING = "pending", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui, sedang disiapkan")
    ACTIVE = "active", _("Aktif")
    REJECTED = "rejected", _("Ditolak")
    FAILED = "failed", _("Gagal disiapkan")


class StepName(models.TextChoices):
    SCHEMA = "schema", _("Membuat skema basis data")
    SEED = "seed", _("Mengisi profil desa dan admin")
    DOMAIN = "domain", _("Menyiapkan alamat situs")
    ACTIVE = "active", _("Mengaktifkan desa")


STEP_ORDER = [StepName.SCHEMA, StepName.SEED, StepName.DOMAIN, StepName.ACTIVE]

# Subdomains no village may take: platform hosts and words users would confuse with it.
RESERVED_SLUGS = frozenset(
    {
        "www", "admin", "api", "app", "mail", "smtp", "imap", "pop", "ftp", "ns1", "ns2",
        "static", "media", "assets", "cdn", "balai", "akun", "daftar", "ops", "kabupaten",
        "billing", "dasbor", "status", "help", "bantuan", "support", "docs", "blog", "test",
        "dev", "staging", "demo", "root", "localhost", "referensi", "metrics", "healthz",
    }
)  # fmt: skip

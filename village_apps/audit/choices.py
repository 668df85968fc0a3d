"""Code lists of the audit app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("Melihat")
    EXPORT = "export", _("Mengekspor")
    CREATE = "create", _("Menambah")
    UPDATE = "update", _("Mengubah")
    DELETE = "delete", _("Menghapus")
    IMPORT = "import", _("Mengimpor")
    ISSUE = "issue", _("Menerbitkan")
    REVOKE = "revoke", _("Mencabut")
    DOWNLOAD = "download", _("Mengunduh")
    LOGIN = "login", _("Masuk")
    LOGIN_FAILED = "login_failed", _("Gagal masuk")
    LOCKOUT = "lockout", _("Dikunci sementara")

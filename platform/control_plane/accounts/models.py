"""Control-plane accounts (public schema): operations staff, kabupaten contract managers,
camat and kecamatan staff, province officials, village operators who signed a village up. Village users live in each village schema
(``village_apps.akun``), never here."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    OPS = "ops", _("Tim operasional")
    CONTRACT_MANAGER = "contract_manager", _("Pengelola kontrak kabupaten")
    VILLAGE_OPERATOR = "village_operator", _("Operator pendaftar desa")
    CAMAT = "camat", _("Camat / staf kecamatan")
    PROVINCE_OFFICIAL = "province_official", _("Pejabat provinsi")


# Roles that may not act without a verified second factor (TOTP).
SECOND_FACTOR_ROLES = frozenset(
    {StaffRole.OPS, StaffRole.CONTRACT_MANAGER, StaffRole.CAMAT, StaffRole.PROVINCE_OFFICIAL}
)
# Roles bound to one region, with the length of its Kemendagri code (2 provinsi,
# 4 kabupaten/kota, 6 kecamatan): they see that region and what lies below it, nothing
# else. Operations staff see every region; sign-up operators none.
REGION_ROLES = {
    StaffRole.PROVINCE_OFFICIAL: 2,
    StaffRole.CONTRACT_MANAGER: 4,
    StaffRole.CAMAT: 6,
}


class StaffProfile(models.Model):
    """The role of a control-plane user and the region it is bound to (``REGION_ROLES``):
    a contract manager's kabupaten in ``kabupaten_code`` (its first column, kept), a
    camat's kecamatan or a province official's provinsi in ``region_code``;
    ``scope_code`` reads the one that applies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    role = models.CharField(_("peran"), max_length=30, choices=StaffRole.choices)
    kabupaten_code = models.CharField(
        _("kode kabupaten/kota"), max_length=4, blank=True, default=""
    )
    region_code = models.CharField(
        _("kode wilayah"), max_length=10, blank=True, default="", db_default=""
    )
    phone = models.CharField(_("telepon"), max_length=30, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("profil staf")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="contract_manager") | ~Q(kabupaten_code=""),
                name="contract_manager_has_kabupaten",
                violation_error_message=_(
                    "Pengelola kontrak harus terikat pada satu kabupaten/kota."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(role="camat") | Q(region_code__regex=r"^[0-9]{6}$"),
                name="camat_has_kecamatan",
                violation_error_message=_("Camat harus terikat pada satu kecamatan."),
            ),
            models.CheckConstraint(
                condition=~Q(role="province_official") | Q(region_code__regex=r"^[0-9]{2}$"),
                name="province_official_has_provinsi",
                violation_error_message=_("Pejabat provinsi harus terikat pada satu provinsi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def scope_code(self) -> str:
        """The region this role is bound to ("" for roles bound to none)."""
        if self.role == StaffRole.CONTRACT_MANAGER:
            return self.kabupaten_code
        return self.region_code if self.role in REGION_ROLES else ""


class AccountEventKind(models.TextChoices):
    DEVICE_ADDED = "device_added", _("Perangkat autentikator ditambahkan")
    DEVICE_REMOVED = "device_removed", _("Perangkat autentikator dihapus")
    EMAIL_CHANGE_REQUESTED = "email_change_requested", _("Perubahan e-mail diminta")
    EMAIL_CHANGED = "email_changed", _("E-mail diganti")
    PASSWORD_CHANGED = "password_changed", _("Kata sandi diganti")
    PASSWORD_RESET = "password_reset", _("Kata sandi diatur melalui tautan e-mail")
    INVITED = "invited", _("Diundang dengan peran dan wilayah")
    ROLE_CHANGED = "role_changed", _("Peran atau wilayah diubah")
    DEACTIVATED = "deactivated", _("Akun dinonaktifkan")
    REACTIVATED = "reactivated", _("Akun diaktifkan kembali")


class AccountEvent(models.Model):
    """Audit of a change to a control-plane user's credentials, role, region or access
    (written in the same transaction as the change; ``actor`` is whoever made it, the
    user or the staff member who manages them). ``detail`` never holds a secret and shows e-mail
    addresses only masked. Rows outlive the user (``user`` becomes null)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="account_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kejadian"), max_length=30, choices=AccountEventKind.choices)
    detail = models.CharField(_("keterangan"), max_length=255, blank=True, default="")
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("kejadian akun")
        ordering = ["-created_at", "-id"]


class EmailChange(models.Model):
    """A pending e-mail change. The confirmation link carries only a random token; this
    row keeps its SHA-256 (a database reader can not confirm anything) and the new
    address, which therefore never appears in a URL or an access log. One pending
    change per user; used once; expires after ``EMAIL_CHANGE_MAX_AGE``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_changes"
    )
    new_email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("perubahan e-mail")

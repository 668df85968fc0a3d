"""Control-plane accounts (public schema): operations staff, kabupaten contract managers,
village operators who signed a village up. Village users live in each village schema
(``village_apps.akun``), never here."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    OPS = "ops", _("Tim operasional")
    CONTRACT_MANAGER = "contract_manager", _("Pengelola kontrak kabupaten")
    VILLAGE_OPERATOR = "village_operator", _("Operator pendaftar desa")


# Roles that may not act without a verified second factor (TOTP).
SECOND_FACTOR_ROLES = frozenset({StaffRole.OPS, StaffRole.CONTRACT_MANAGER})


class StaffProfile(models.Model):
    """The role of a control-plane user. A contract manager is scoped to one kabupaten."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    role = models.CharField(_("peran"), max_length=30, choices=StaffRole.choices)
    kabupaten_code = models.CharField(
        _("kode kabupaten/kota"), max_length=4, blank=True, default=""
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
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

"""Village users' roles (village schema). Each village has its own ``auth_user`` table;
this adds the role that decides what a user may see and change."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from village_apps.akun.choices import VillageRole

__all__ = ["Membership", "VillageRole"]


class Membership(models.Model):
    """A village user's role. Viewers may read but never see full NIK/KK numbers."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(
        _("peran"), max_length=20, choices=VillageRole.choices, default=VillageRole.OPERATOR
    )
    jabatan = models.CharField(_("jabatan"), max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

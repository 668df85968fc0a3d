"""Sign-ups, invitations and provisioning steps (public schema).

A ``Signup`` is one operator's request for one village. Once its e-mail is verified
it owns a ``tenants.Village`` row (status ``pending``), which reserves the code and
subdomain; approval moves the village to ``provisioning`` and a task walks the
``ProvisioningStep`` rows to ``active``.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from control_plane.onboarding.choices import SignupStatus, StepName
from tenants.models import Village, code_dotted

PROOF_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A contract manager's invitation for one village code and operator e-mail.

    Signing up through its link proves the operator may claim that village, so the
    sign-up is approved automatically while the contract has free seats.
    """

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    code = models.CharField(_("kode desa"), max_length=10)
    kabupaten_code = models.CharField(max_length=4, db_index=True)
    email = models.EmailField(_("e-mail operator"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(used_at__isnull=True),
                name="one_open_invitation_per_code",
                violation_error_message=_("Desa ini sudah memiliki undangan yang belum dipakai."),
            )
        ]

    def __str__(self) -> str:
        return f"{code_dotted(self.code)} → {self.email}"

    @property
    def code_dotted(self) -> str:
        return code_dotted(self.code)


class Signup(models.Model):
    """One village sign-up with the operator's details and proof of mandate."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    email_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(
        max_length=20, choices=SignupStatus.choices, default=SignupStatus.UNVERIFIED, db_index=True
    )
    code = models.CharField(_("kode desa"), max_length=10)
    kabupaten_code = models.CharField(max_length=4, db_index=True)
    village_name = models.CharField(_("nama desa"), max_length=100)
    slug = models.CharField(_("subdomain"), max_length=40)
    operator_name = models.CharField(_("nama operator"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telepon"), max_length=30)
    position = models.CharField(_("jabatan"), max_length=100)
    proof = models.FileField(
        _("bukti penugasan"),
        upload_to="pendaftaran/bukti/",
        blank=True,
        validators=[FileExtensionValidator(PROOF_EXTENSIONS)],
    )
    consent_at = models.DateTimeField()
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="signups"
    )
    village = models.OneToOneField(
        Village, null=True, blank=True, on_delete=models.SET_NULL, related_name="signup"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=150, blank=True, default="")
    reason = models.TextField(_("alasan"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.village_name} ({self.code_dotted})"

    @property
    def code_dotted(self) -> str:
        return code_dotted(self.code)


class ProvisioningStep(models.Model):
    """One recorded provisioning step of a village; ``done`` steps are skipped on re-runs."""

    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="provisioning_steps"
    )
    name = models.CharField(max_length=20, choices=StepName.choices)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "name"], name="one_row_per_provisioning_step"
            )
        ]

    @property
    def done(self) -> bool:
        return self.finished_at is not None


class SchemaPoolEntry(models.Model):
    """A standby village schema, cloned ahead of time at one migration fingerprint.

    Provisioning renames one (``ALTER SCHEMA … RENAME``, milliseconds) instead of
    replaying the template's DDL while the operator waits; only entries at the
    code's current fingerprint are handed out, stale ones are dropped on refill.
    """

    schema_name = models.CharField(max_length=63, unique=True)
    fingerprint = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

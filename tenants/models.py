"""Tenant and domain models (public schema).

A ``Village`` is one desa or kelurahan with its own PostgreSQL schema. Its
Kemendagri code is stored as 10 digits and shown dotted (``18.01.04.2001``).
Suspensions are rows of their own, one per reason, so lifting a billing
suspension can never lift an operations one.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from tenants.choices import (
    ROUTABLE_STATUSES,
    BackupStatus,
    BackupTrigger,
    DomainCheckResult,
    DomainStatus,
    SuspensionReason,
    VillageKind,
    VillageStatus,
)

code_validator = RegexValidator(r"^\d{10}$", _("Kode desa harus 10 digit angka."))
slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$",
    _("Subdomain hanya huruf kecil, angka dan tanda hubung (3–40 karakter)."),
)


def code_digits(value: str) -> str:
    """Accept ``18.01.04.2001`` or ``1801042001`` (dots, spaces or dashes between the
    parts) and return the 10 ASCII digits. Anything else is refused: ``\\d`` would also
    take Arabic-Indic digits, and letters around a code hide a typing mistake."""
    text = (value or "").strip()
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) != 10 or not re.fullmatch(r"[0-9. \-]+", text):
        raise ValidationError(
            _("Kode desa harus 10 digit (contoh 18.01.04.2001)."), code="invalid_code"
        )
    return digits


def code_dotted(digits: str) -> str:
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}" if len(digits) == 10 else digits


def schema_name_for(slug: str) -> str:
    return "v_" + slug.replace("-", "_")


class Village(TenantMixin):
    """One village (desa/kelurahan), routed at ``<slug>.<BALAI_DOMAIN>``.

    Invariants: ``code`` is 10 digits; ``schema_name`` is derived from the slug and
    exists exactly when status is active, suspended or archived; status changes only
    through ``tenants.services``, which write a ``LifecycleEvent`` in the same
    transaction.
    """

    # Schemas are made by tenants.schema (template clone), never by save().
    auto_create_schema = False
    auto_drop_schema = False

    code = models.CharField(_("kode Kemendagri"), max_length=10, validators=[code_validator])
    name = models.CharField(_("nama"), max_length=100)
    slug = models.CharField(_("subdomain"), max_length=40, unique=True, validators=[slug_validator])
    kind = models.CharField(
        _("jenis"), max_length=10, choices=VillageKind.choices, default=VillageKind.DESA
    )
    kecamatan_code = models.CharField(max_length=6, db_index=True)
    kabupaten_code = models.CharField(max_length=4, db_index=True)
    provinsi_code = models.CharField(max_length=2, db_index=True)
    status = models.CharField(
        max_length=20, choices=VillageStatus.choices, default=VillageStatus.PENDING, db_index=True
    )
    status_detail = models.TextField(blank=True, default="")
    # Migration state (fleet upgrades): fingerprint of applied tenant migrations.
    migration_fingerprint = models.CharField(max_length=64, blank=True, default="")
    release = models.CharField(max_length=40, blank=True, default="")
    is_canary = models.BooleanField(
        default=False, help_text=_("Ikut gelombang kenari pemutakhiran.")
    )
    upgrade_status = models.CharField(max_length=20, blank=True, default="")
    upgrade_error = models.TextField(blank=True, default="")
    last_upgrade_at = models.DateTimeField(null=True, blank=True)
    # Modules of the contract's plan (``tenants.modules``): switchable codes this
    # village may use, ``None`` = no limits. Written only by
    # ``tenants.services.village_modules_set``; cached with the routing data.
    modules = models.JSONField(_("modul paket"), null=True, blank=True, default=None)
    modules_plan = models.CharField(_("nama paket"), max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    activated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("desa")
        verbose_name_plural = _("desa")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(status__in=["rejected", "failed"]),
                name="village_code_unique_live",
                violation_error_message=_("Desa dengan kode ini sudah terdaftar."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code_dotted})"

    @property
    def code_dotted(self) -> str:
        return code_dotted(self.code)

    @property
    def is_routable(self) -> bool:
        return self.status in ROUTABLE_STATUSES

    @property
    def is_read_only(self) -> bool:
        return self.status == VillageStatus.SUSPENDED

    @property
    def host(self) -> str:
        """The canonical host (``balai_kernel.links``); custom domains are aliases."""
        from balai_kernel.links import canonical_host

        return canonical_host(self)

    @property
    def url(self) -> str:
        from balai_kernel.links import absolute_url

        return absolute_url("/", village=self)

    @property
    def timezone_name(self) -> str:
        """WIB/WITA/WIT from the province code (used for maintenance windows)."""
        from tenants.regions import province_timezone

        return province_timezone(self.provinsi_code)


class Domain(DomainMixin):
    """A custom domain of a village (e.g. ``sukamaju.desa.id``).

    Platform subdomains (``<slug>.<BALAI_DOMAIN>``) are routed by slug and need no
    row, so changing ``BALAI_DOMAIN`` never strands a village.

    A custom domain is routed only once its ownership is proven (``status`` =
    ``verified``): whoever attaches it gets a random ``token`` to publish as the DNS
    TXT record ``_balai-challenge.<domain>``; ``tenants.services.village_domain_check``
    looks for it (on request and periodically). Until then anyone could attach any
    hostname (``kemendagri.go.id``) to a village. Several villages may claim the same
    host while pending, so a wrong claim cannot block its owner; only one may hold it
    verified (constraint below).
    """

    CHALLENGE_PREFIX = "_balai-challenge"

    # Overrides DomainMixin's unique=True: uniqueness holds among verified rows only.
    domain = models.CharField(_("domain"), max_length=253, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DomainStatus.choices,
        default=DomainStatus.PENDING,
        db_default=DomainStatus.PENDING,
        db_index=True,
    )
    token = models.CharField(_("token"), max_length=64, blank=True, default="", db_default="")
    check_result = models.CharField(
        _("hasil pemeriksaan terakhir"),
        max_length=10,
        choices=DomainCheckResult.choices,
        blank=True,
        default="",
        db_default="",
    )
    checked_at = models.DateTimeField(_("terakhir diperiksa"), null=True, blank=True)
    verified_at = models.DateTimeField(_("terverifikasi pada"), null=True, blank=True)
    created_by = models.CharField(max_length=150, blank=True, default="", db_default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("domain khusus")
        verbose_name_plural = _("domain khusus")
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain"],
                condition=Q(status="verified"),
                name="domain_unique_verified",
                violation_error_message=_("Domain ini sudah terverifikasi untuk desa lain."),
            ),
            models.UniqueConstraint(
                fields=["tenant", "domain"],
                name="domain_unique_per_village",
                violation_error_message=_("Domain ini sudah terdaftar untuk desa ini."),
            ),
        ]

    @property
    def challenge_name(self) -> str:
        """The DNS name whose TXT record must hold ``token``."""
        return f"{self.CHALLENGE_PREFIX}.{self.domain}"

    @property
    def is_verified(self) -> bool:
        return self.status == DomainStatus.VERIFIED


class VillageSuspension(models.Model):
    """One reason a village is read-only. Active while ``lifted_at`` is empty."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.CharField(max_length=20, choices=SuspensionReason.choices)
    note = models.TextField(blank=True, default="")
    created_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["village", "reason"],
                condition=Q(lifted_at__isnull=True),
                name="one_active_suspension_per_reason",
                violation_error_message=_("Desa ini sudah ditangguhkan dengan alasan yang sama."),
            )
        ]


class LifecycleEvent(models.Model):
    """Audit row for every lifecycle change (who, when, why). Survives deletion."""

    village = models.ForeignKey(
        Village, null=True, on_delete=models.SET_NULL, related_name="events"
    )
    village_code = models.CharField(max_length=10)
    village_slug = models.CharField(max_length=40)
    action = models.CharField(max_length=40)
    actor = models.CharField(max_length=150)
    reason = models.TextField(blank=True, default="")
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def action_label(self) -> str:
        from tenants.choices import lifecycle_action_label

        return lifecycle_action_label(self.action)

    @property
    def reason_label(self) -> str:
        """A suspension reason by its label; any other reason (free text) as written."""
        if self.reason in SuspensionReason.values:
            return str(SuspensionReason(self.reason).label)
        return self.reason


class RoutingState(models.Model):
    """A single row whose generation changes whenever routing data changes.

    Every process compares it at most once per ``ROUTING_GENERATION_CHECK_SECONDS``
    and drops its in-process routing cache when it moved.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    generation = models.BigIntegerField(default=0)


class SchemaTemplate(models.Model):
    """The DDL of the template schema for one migration fingerprint.

    Provisioning replays this SQL (schema name substituted) in one round trip
    instead of running Django migrations per village.
    """

    fingerprint = models.CharField(max_length=64, unique=True)
    sql = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)


class VillageBackup(models.Model):
    """One backup of one village: asked for (nightly schedule or a person), run by the
    worker, stored in the ``backups`` storage (``tenants.backups``).

    ``keys`` are the stored copies of its archive (daily, and weekly/monthly when it was
    the first of its period); retention removes keys from it, and the row goes with its
    last key. The console lists backups from these rows, never by listing the storage
    per village. ``village_slug`` stays readable after the village is deleted.
    """

    village = models.ForeignKey(
        Village, null=True, on_delete=models.SET_NULL, related_name="backups"
    )
    village_slug = models.CharField(max_length=40)
    status = models.CharField(
        max_length=10, choices=BackupStatus.choices, default=BackupStatus.QUEUED
    )
    trigger = models.CharField(
        max_length=10, choices=BackupTrigger.choices, default=BackupTrigger.SCHEDULED
    )
    requested_by = models.CharField(max_length=150, blank=True, default="")
    keys = models.JSONField(default=list, blank=True)
    size_bytes = models.BigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["village", "-created_at"], name="backup_village_idx"),
            models.Index(fields=["-created_at"], name="backup_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.village_slug} {self.created_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def filename(self) -> str:
        return self.keys[0].rsplit("/", 1)[1] if self.keys else ""

"""Village lifecycle writes. Each public service is one transaction with its audit row."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants import schema
from tenants.choices import SuspensionReason, VillageStatus
from tenants.models import LifecycleEvent, Village, VillageSuspension, code_digits, schema_name_for
from tenants.regions import village_kind_for


class LifecycleError(Exception):
    """A lifecycle change that is not allowed; the message is for the user (Indonesian)."""


def lifecycle_event_record(
    *, village: Village, action: str, actor: str, reason: str = "", **details: object
) -> LifecycleEvent:
    return LifecycleEvent.objects.create(
        village=village,
        village_code=village.code,
        village_slug=village.slug,
        action=action,
        actor=actor,
        reason=reason,
        details=details,
    )


@transaction.atomic
def village_create(
    *, code: str, name: str, slug: str, actor: str, status: str = VillageStatus.PENDING
) -> Village:
    """Register a village row (no schema yet). Validates code and slug."""
    digits = code_digits(code)
    village = Village(
        code=digits,
        name=name,
        slug=slug,
        schema_name=schema_name_for(slug),
        kind=village_kind_for(digits),
        kecamatan_code=digits[:6],
        kabupaten_code=digits[:4],
        provinsi_code=digits[:2],
        status=status,
    )
    village.full_clean()
    village.save()
    lifecycle_event_record(village=village, action="created", actor=actor)
    return village


def village_schema_build(*, village: Village) -> str:
    """Create the village's schema from the template (idempotent) and record its state."""
    fp = schema.schema_create_from_template(village.schema_name)
    Village.objects.filter(pk=village.pk).update(
        migration_fingerprint=fp, updated_at=timezone.now()
    )
    village.migration_fingerprint = fp
    return fp


def _refresh_status(village: Village) -> None:
    active = village.suspensions.filter(lifted_at__isnull=True).exists()
    if active and village.status == VillageStatus.ACTIVE:
        village.status = VillageStatus.SUSPENDED
    elif not active and village.status == VillageStatus.SUSPENDED:
        village.status = VillageStatus.ACTIVE
    village.save(update_fields=["status", "updated_at"])


@transaction.atomic
def village_suspend(
    *, village: Village, reason: str, actor: str, note: str = ""
) -> VillageSuspension:
    """Make a village read-only for one reason. Data is never touched."""
    village = Village.objects.select_for_update().get(pk=village.pk)
    if reason not in SuspensionReason.values:
        raise LifecycleError(_("Alasan penangguhan tidak dikenal."))
    if village.status not in (VillageStatus.ACTIVE, VillageStatus.SUSPENDED):
        raise LifecycleError(_("Hanya desa aktif yang dapat ditangguhkan."))
    existing = village.suspensions.filter(reason=reason, lifted_at__isnull=True).first()
    if existing:
        return existing
    suspension = VillageSuspension.objects.create(
        village=village, reason=reason, note=note, created_by=actor
    )
    _refresh_status(village)
    lifecycle_event_record(
        village=village, action="suspended", actor=actor, reason=reason, note=note
    )
    return suspension


@transaction.atomic
def village_resume(*, village: Village, reason: str, actor: str) -> bool:
    """Lift the suspension for one reason only; returns whether the village is writable again."""
    village = Village.objects.select_for_update().get(pk=village.pk)
    lifted = village.suspensions.filter(reason=reason, lifted_at__isnull=True).update(
        lifted_at=timezone.now(), lifted_by=actor
    )
    if lifted:
        _refresh_status(village)
        lifecycle_event_record(village=village, action="resumed", actor=actor, reason=reason)
    return village.status == VillageStatus.ACTIVE

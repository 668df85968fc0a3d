"""Village lifecycle writes. Each public service is one transaction with its audit row."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_exists

from balai_kernel.actor import Actor
from tenants import domains, routing, schema
from tenants.choices import (
    DomainCheckResult,
    DomainStatus,
    LifecycleAction,
    SuspensionReason,
    VillageStatus,
)
from tenants.models import (
    Domain,
    LifecycleEvent,
    Village,
    VillageSuspension,
    code_digits,
    schema_name_for,
)
from tenants.modules import module_codes_switchable
from tenants.regions import village_kind_for


class LifecycleError(Exception):
    """A lifecycle change that is not allowed; the message is for the user (Indonesian)."""


def lifecycle_event_record(
    *, village: Village, action: str, actor: Actor | str, reason: str = "", **details: object
) -> LifecycleEvent:
    return LifecycleEvent.objects.create(
        village=village,
        village_code=village.code,
        village_slug=village.slug,
        action=action,
        actor=str(actor),
        reason=reason,
        details=details,
    )


@transaction.atomic
def village_create(
    *, code: str, name: str, slug: str, actor: Actor | str, status: str = VillageStatus.PENDING
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
    routing.invalidate()


@transaction.atomic
def village_suspend(
    *, village: Village, reason: str, actor: Actor | str, note: str = ""
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
        village=village, reason=reason, note=note, created_by=str(actor)
    )
    _refresh_status(village)
    lifecycle_event_record(
        village=village, action="suspended", actor=actor, reason=reason, note=note
    )
    return suspension


@transaction.atomic
def village_resume(*, village: Village, reason: str, actor: Actor | str) -> bool:
    """Lift the suspension for one reason only; returns whether the village is writable again."""
    village = Village.objects.select_for_update().get(pk=village.pk)
    lifted = village.suspensions.filter(reason=reason, lifted_at__isnull=True).update(
        lifted_at=timezone.now(), lifted_by=str(actor)
    )
    if lifted:
        _refresh_status(village)
        lifecycle_event_record(village=village, action="resumed", actor=actor, reason=reason)
    return village.status == VillageStatus.ACTIVE


# --- Modules of the contract's plan ---------------------------------------------------


@transaction.atomic
def village_modules_set(
    *,
    villages: Iterable[Village],
    modules: list[str] | None,
    plan_name: str,
    actor: Actor | str,
    reason: str = "",
) -> list[Village]:
    """Switch modules of ``villages`` to ``modules`` (switchable codes, ``None`` = no
    limits; see ``tenants.modules``). Called by billing when a plan applies to a
    village. Only villages whose list actually changes are written, each with a
    ``modules_changed`` lifecycle event; routing is invalidated once, so every
    process serves the new list within ``ROUTING_GENERATION_CHECK_SECONDS``. Village
    data is never touched. Returns the villages that changed."""
    modules = module_codes_switchable(modules) if modules is not None else None
    if modules is None:
        plan_name = ""
    ids = [v.pk for v in villages]
    changed = [
        v
        for v in Village.objects.select_for_update().filter(pk__in=ids).order_by("pk")
        if v.modules != modules or v.modules_plan != plan_name
    ]
    if not changed:
        return []
    Village.objects.filter(pk__in=[v.pk for v in changed]).update(
        modules=modules, modules_plan=plan_name, updated_at=timezone.now()
    )
    LifecycleEvent.objects.bulk_create(
        LifecycleEvent(
            village=v,
            village_code=v.code,
            village_slug=v.slug,
            action="modules_changed",
            actor=actor,
            reason=reason,
            details={"from": v.modules, "to": modules, "plan": plan_name},
        )
        for v in changed
    )
    for v in changed:
        v.modules, v.modules_plan = modules, plan_name
    routing.invalidate()
    return changed


# --- Archive, export, restore, delete, custom domains ------------------------------------

DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@transaction.atomic
def village_archive(*, village: Village, actor: Actor | str, reason: str = "") -> Village:
    """Take a village offline (its site answers 410); the schema and files are kept."""
    village = Village.objects.select_for_update().get(pk=village.pk)
    if village.status == VillageStatus.ARCHIVED:
        return village
    if village.status not in (VillageStatus.ACTIVE, VillageStatus.SUSPENDED):
        raise LifecycleError(_("Hanya desa aktif atau ditangguhkan yang dapat diarsipkan."))
    village.status = VillageStatus.ARCHIVED
    village.save(update_fields=["status", "updated_at"])
    lifecycle_event_record(village=village, action="archived", actor=actor, reason=reason)
    routing.invalidate()
    return village


def village_export(*, village: Village, out: Path, actor: Actor | str) -> Path:
    """Write a self-contained archive of one village (its tables read in one snapshot,
    the template SQL of its version, media, manifest with checksums) and record the
    export. The read runs on a connection of its own (``tenants.logical``), outside any
    transaction of the caller, and never reads the catalog of other villages."""
    from django.conf import settings

    from tenants import archive, logical
    from tenants.context import village_context

    village = Village.objects.get(pk=village.pk)
    if village.status not in (
        VillageStatus.ACTIVE,
        VillageStatus.SUSPENDED,
        VillageStatus.ARCHIVED,
    ):
        raise LifecycleError(_("Desa ini belum memiliki data untuk diekspor."))
    dump = logical.village_dump(village.schema_name)
    stats = dump.stats
    manifest = {
        "format": archive.FORMAT,
        "code": village.code,
        "name": village.name,
        "slug": village.slug,
        "schema_name": village.schema_name,
        "kind": village.kind,
        "release": settings.BALAI_RELEASE,
        "village_release": village.release,
        "migration_fingerprint": village.migration_fingerprint,
        "schema_fingerprint": dump.fingerprint,
        "exported_at": timezone.now().isoformat(),
        "tables": stats,
        "columns": dump.columns,
        "sequences": dump.sequences,
    }
    with village_context(village):
        manifest = archive.archive_write(
            out=Path(out), manifest=manifest, files=dump.files(), schema_name=village.schema_name
        )
    connection.set_schema_to_public()
    with transaction.atomic():
        lifecycle_event_record(
            village=village,
            action="exported",
            actor=actor,
            file=Path(out).name,
            dump_sha256=manifest["dump_sha256"],
            tables=len(stats),
            media=len(manifest["media"]),
        )
    return Path(out)


def village_restore(*, source: Path, actor: Actor | str, slug: str = "") -> Village:
    """Recreate a village from an export archive, under its own or a new subdomain.

    Only while no live village holds the archive's Kemendagri code (after deletion, or
    a failed/rejected registration): a copy beside the live village is refused with
    the way to compare instead (``restore_drill --archive``, a scratch schema).

    The schema is replayed and its row counts and checksums compared with the
    manifest in one transaction: a mismatch rolls everything back. Media files are
    written and checked before the commit.
    """
    from tenants import archive
    from tenants.context import village_context

    manifest, files, media = archive.archive_read(Path(source))
    slug = slug or manifest["slug"]
    new_schema = schema_name_for(slug)
    if Village.objects.filter(slug=slug).exists():
        raise LifecycleError(_("Subdomain %(slug)s sudah dipakai.") % {"slug": slug})
    live = (
        Village.objects.filter(code=manifest["code"])
        .exclude(status__in=[VillageStatus.REJECTED, VillageStatus.FAILED])
        .first()
    )
    if live is not None:
        # The Kemendagri code is the village's identity (dashboards, contracts, open
        # data count by it): a second live village with it would be counted twice.
        raise LifecycleError(
            _(
                "Desa dengan kode %(code)s masih terdaftar sebagai %(slug)s: satu kode "
                "Kemendagri hanya untuk satu desa. Untuk membandingkan arsip dengan desa "
                "itu gunakan: manage.py restore_drill --village %(slug)s --archive "
                "%(file)s. Untuk memulihkan di subdomain baru, hapus desa itu lebih dulu."
            )
            % {"code": live.code_dotted, "slug": live.slug, "file": Path(source).name}
        )
    with transaction.atomic():
        village = village_create(
            code=manifest["code"],
            name=manifest["name"],
            slug=slug,
            actor=actor,
            status=VillageStatus.PROVISIONING,
        )
        connection.set_schema_to_public()
        archive.archive_replay(manifest=manifest, files=files, new_schema=new_schema)
        stats = archive.schema_stats(new_schema, list(manifest["tables"]))
        if stats != manifest["tables"]:
            differing = sorted(
                t
                for t in set(stats) | set(manifest["tables"])
                if stats.get(t) != manifest["tables"].get(t)
            )
            raise LifecycleError(
                _("Pemulihan gagal diverifikasi (tabel berbeda: %(t)s).")
                % {"t": ", ".join(differing)}
            )
        with village_context(village):
            archive.media_restore(files=media, schema_name=new_schema)
        connection.set_schema_to_public()
        village.status = VillageStatus.ACTIVE
        village.migration_fingerprint = manifest.get("migration_fingerprint", "")
        village.release = manifest.get("village_release", "")
        village.activated_at = timezone.now()
        village.save(
            update_fields=[
                "status",
                "migration_fingerprint",
                "release",
                "activated_at",
                "updated_at",
            ]
        )
        lifecycle_event_record(
            village=village,
            action="restored",
            actor=actor,
            source=Path(source).name,
            from_slug=manifest["slug"],
            tables=len(stats),
            media=len(media),
        )
        routing.invalidate()
    return village


def village_export_exists(village: Village) -> bool:
    return LifecycleEvent.objects.filter(village=village, action="exported").exists()


def village_delete(*, village: Village, actor: Actor | str, confirm: bool) -> None:
    """Delete a village for good: schema, media, domains and row (the audit stays).
    Refused without an export and without explicit confirmation."""
    from tenants.archive import media_delete
    from tenants.context import village_context

    village = Village.objects.get(pk=village.pk)
    if not confirm:
        raise LifecycleError(_("Penghapusan desa harus dikonfirmasi."))
    if (
        village.schema_name
        and schema_exists(village.schema_name)
        and not village_export_exists(village)
    ):
        raise LifecycleError(_("Ekspor desa ini dahulu sebelum menghapusnya."))
    if schema_exists(village.schema_name):
        with village_context(village):
            media_delete(schema_name=village.schema_name)
    connection.set_schema_to_public()
    with transaction.atomic():
        lifecycle_event_record(
            village=village, action="deleted", actor=actor, schema=village.schema_name
        )
        if village.schema_name.startswith("v_"):
            schema.schema_drop(village.schema_name)
        village.domains.all().delete()
        village.delete()
        routing.invalidate()


DOMAIN_CHECK_ACTOR = "pemeriksaan-domain"  # the periodic re-check (tenants.tasks)


@transaction.atomic
def village_domain_add(*, village: Village, domain: str, actor: Actor | str) -> Domain:
    """Attach a custom domain as ``pending``: it is not routed until
    ``village_domain_check`` finds its token in DNS (``Domain.challenge_name``).
    Refused when another village holds the domain verified, or this village has it."""
    from django.conf import settings

    name = domain.strip().lower().rstrip(".")
    if not DOMAIN_RE.match(name):
        raise LifecycleError(_("Nama domain tidak valid."))
    if name == settings.BALAI_DOMAIN or name.endswith("." + settings.BALAI_DOMAIN):
        raise LifecycleError(_("Subdomain platform tidak perlu didaftarkan sebagai domain khusus."))
    if Domain.objects.filter(domain=name, tenant=village).exists():
        raise LifecycleError(_("Domain %(d)s sudah terdaftar untuk desa ini.") % {"d": name})
    if Domain.objects.filter(domain=name, status=DomainStatus.VERIFIED).exists():
        raise LifecycleError(_("Domain %(d)s sudah dipakai.") % {"d": name})
    row = Domain.objects.create(
        domain=name,
        tenant=village,
        is_primary=False,
        status=DomainStatus.PENDING,
        token=secrets.token_urlsafe(24),
        created_by=str(actor),
    )
    lifecycle_event_record(village=village, action="domain_added", actor=actor, domain=name)
    return row


def _domain_status_after(row: Domain, found: DomainCheckResult, now: datetime) -> tuple[str, str]:
    """(status, check_result) after a lookup that answered ``found``."""
    from django.conf import settings

    if found == DomainCheckResult.FOUND:
        taken = (
            Domain.objects.filter(domain=row.domain, status=DomainStatus.VERIFIED)
            .exclude(pk=row.pk)
            .exists()
        )
        if taken:
            return DomainStatus.FAILED, DomainCheckResult.TAKEN
        return DomainStatus.VERIFIED, found
    # A verified domain whose record disappeared stays routed (its owner proved it
    # once; docs/security.md): the result is shown so operations can look at it.
    expired = row.created_at + timedelta(days=settings.DOMAIN_PENDING_DAYS) <= now
    if row.status == DomainStatus.PENDING and expired and found != DomainCheckResult.ERROR:
        return DomainStatus.FAILED, DomainCheckResult.EXPIRED
    return row.status, found


def village_domain_check(
    *, domain: Domain, actor: Actor | str, now: datetime | None = None
) -> Domain:
    """Look up the ownership record of ``domain`` and record what was found.

    pending → verified (routed from the next request on) when the TXT record holds the
    token, unless another village verified the host first (→ failed, ``taken``); a
    pending domain still unproven after ``DOMAIN_PENDING_DAYS`` → failed (``expired``).
    A failed domain becomes verified when its record appears and it is checked again.
    DNS errors never change the status. The DNS query runs before the transaction; the
    row is then locked, updated and, when the status changed or a person asked for the
    check, recorded as a lifecycle event. Returns the row as stored."""
    outcome = domains.domain_challenge_lookup(name=domain.challenge_name, token=domain.token)
    now = now or timezone.now()
    with transaction.atomic():
        row = (
            Domain.objects.select_for_update().select_related("tenant").filter(pk=domain.pk).first()
        )
        if row is None:
            raise LifecycleError(_("Domain tidak ditemukan."))
        status, result = _domain_status_after(row, outcome, now)
        changed = status != row.status
        row.status, row.check_result, row.checked_at = status, result, now
        if changed and status == DomainStatus.VERIFIED:
            row.verified_at = now
        # save(), not update(): the post_save signal invalidates routing everywhere.
        row.save(update_fields=["status", "check_result", "checked_at", "verified_at"])
        if changed or actor != DOMAIN_CHECK_ACTOR:
            lifecycle_event_record(
                village=row.tenant,
                action=(
                    LifecycleAction.DOMAIN_CHECKED
                    if not changed
                    else LifecycleAction.DOMAIN_VERIFIED
                    if status == DomainStatus.VERIFIED
                    else LifecycleAction.DOMAIN_FAILED
                ),
                actor=actor,
                domain=row.domain,
                result=result,
            )
    return row


@transaction.atomic
def village_domain_remove(*, village: Village, domain: str, actor: Actor | str) -> None:
    """Detach a custom domain, whatever its status; routing forgets it at once."""
    deleted, _n = Domain.objects.filter(tenant=village, domain=domain.strip().lower()).delete()
    if not deleted:
        raise LifecycleError(_("Domain tidak ditemukan."))
    lifecycle_event_record(village=village, action="domain_removed", actor=actor, domain=domain)
    routing.invalidate()

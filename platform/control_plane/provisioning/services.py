"""Provisioning of villages: from an approved registration to a live village.

Provisioning walks recorded steps (schema → seed → domain → active). Each step and
the row that records it commit in one transaction, so a crash anywhere leaves the
step either fully done and recorded or not done at all; re-running resumes at the
first unrecorded step. The schema itself is cloned from the template in one
transaction (~30 ms), never migrated per village, or renamed from the standby pool.

Cut out of ``control_plane.onboarding.services``: sign-up decides *whether* a village
joins, this app *brings it to life*. It builds on onboarding (its ``Signup`` rows and
registration checks); onboarding reaches it only through ``onboarding.hooks``. The
step and pool rows are still ``onboarding`` models (same tables; moving them is a
state-only migration left for later, see docs/architecture.md).
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_exists

from balai_kernel.actor import Actor
from balai_kernel.mail import mail_on_commit
from control_plane.onboarding.choices import STEP_ORDER, SignupStatus, StepName
from control_plane.onboarding.models import ProvisioningStep, SchemaPoolEntry, Signup
from control_plane.onboarding.services import code_check, slug_check, slug_suggest
from control_plane.reference.selectors import region_names
from tenants import routing, schema
from tenants import services as tenant_services
from tenants.choices import VillageStatus
from tenants.context import village_context
from tenants.models import Village

log = logging.getLogger(__name__)


def village_provision_defer(*, village: Village, actor: Actor) -> None:
    """Queue provisioning after the approving transaction commits (the handler that
    ``ProvisioningConfig.ready`` registers in ``onboarding.hooks``)."""
    from control_plane.provisioning.tasks import village_provision_task

    transaction.on_commit(
        lambda: village_provision_task.defer(village_id=village.pk, actor=str(actor))
    )


def village_seed(
    *,
    village: Village,
    admin_username: str = "admin",
    admin_password: str | None = None,
    admin_email: str = "",
    names: dict[str, str] | None = None,
) -> None:
    """Seed the village schema: identity from reference data and the first admin user.
    Idempotent: the profile is upserted and an existing admin is left alone."""
    from village_apps.contracts import Accounts, VillageProfile, facade_get

    profil_seed = facade_get("profil", VillageProfile).profil_seed
    village_user_create = facade_get("akun", Accounts).village_user_create

    names = names or region_names(village.code)
    with village_context(village):
        with transaction.atomic():
            profil_seed(
                nama_desa=village.name,
                kode_desa=village.code,
                jenis=village.kind,
                nama_kecamatan=names.get("kecamatan", ""),
                nama_kabupaten=names.get("kabupaten", ""),
                nama_provinsi=names.get("provinsi", ""),
            )
            if not get_user_model().objects.filter(username=admin_username).exists():
                village_user_create(
                    username=admin_username,
                    role="admin",
                    email=admin_email,
                    password=admin_password,
                    jabatan="Admin desa",
                )


def village_set_password_link_get(*, village: Village, username: str = "admin") -> str:
    """The one-time set-password URL of a village user, made inside the village schema
    (uid and token are only valid there)."""
    from village_apps.contracts import Accounts, facade_get

    with village_context(village):
        return facade_get("akun", Accounts).village_user_password_link_get(username=username)


POOL_PREFIX = "pool_"


def schema_pool_fill(*, size: int) -> int:
    """Keep ``size`` standby schemas at the code's migration state; returns how many were
    made. Stale ones (another fingerprint) are dropped. Runs outside requests (task/CLI)."""
    fp = schema.code_fingerprint()
    for entry in SchemaPoolEntry.objects.exclude(fingerprint=fp):
        schema.schema_drop(entry.schema_name)
        entry.delete()
    made = 0
    while SchemaPoolEntry.objects.count() < size:
        name = POOL_PREFIX + secrets.token_hex(6)
        with transaction.atomic():
            schema.schema_create_from_template(name)
            SchemaPoolEntry.objects.create(schema_name=name, fingerprint=fp)
        made += 1
    return made


def _schema_from_pool(village: Village) -> bool:
    """Hand a standby schema to the village by renaming it (inside the step's transaction)."""
    from control_plane.provisioning.tasks import schema_pool_fill_task

    fp = schema.code_fingerprint()
    entry = (
        SchemaPoolEntry.objects.select_for_update(skip_locked=True)
        .filter(fingerprint=fp)
        .order_by("id")
        .first()
    )
    if entry is None or schema_exists(village.schema_name):
        return False
    size = SchemaPoolEntry.objects.count()
    with connection.cursor() as cur:
        cur.execute(f'ALTER SCHEMA "{entry.schema_name}" RENAME TO "{village.schema_name}"')
    entry.delete()
    Village.objects.filter(pk=village.pk).update(migration_fingerprint=fp)
    village.migration_fingerprint = fp
    transaction.on_commit(lambda: schema_pool_fill_task.defer(size=size))
    return True


def _step_schema(*, village: Village, **_kw: Any) -> None:
    if not _schema_from_pool(village):
        tenant_services.village_schema_build(village=village)


def _step_seed(
    *,
    village: Village,
    admin_password: str | None,
    admin_email: str,
    names: dict | None,
    **_kw: Any,
) -> None:
    village_seed(
        village=village, admin_password=admin_password, admin_email=admin_email, names=names
    )


def _step_domain(*, village: Village, **_kw: Any) -> None:
    # <slug>.<BALAI_DOMAIN> needs no row; custom domains are added later. Make every
    # process forget a cached "unknown host" for the new subdomain.
    routing.invalidate()


def _step_active(
    *, village: Village, actor: Actor, admin_password: str | None, admin_email: str, **_kw: Any
) -> None:
    village.status = VillageStatus.ACTIVE
    village.status_detail = ""
    village.activated_at = timezone.now()
    village.release = settings.BALAI_RELEASE
    village.save(update_fields=["status", "status_detail", "activated_at", "release", "updated_at"])
    tenant_services.lifecycle_event_record(village=village, action="activated", actor=actor)
    routing.invalidate()
    signup = Signup.objects.filter(village=village).first()
    if signup is not None:
        signup.status = SignupStatus.ACTIVE
        signup.save(update_fields=["status"])
    if admin_password is None and admin_email:
        link = village_set_password_link_get(village=village)
        mail_on_commit(
            to=admin_email,
            subject=_("Desa %(name)s sudah aktif di Balai") % {"name": village.name},
            body=_(
                "Situs desa %(name)s sudah aktif: %(url)s\n\n"
                "Nama pengguna admin: admin\n"
                "Atur kata sandi admin melalui tautan sekali pakai ini:\n%(link)s\n"
            )
            % {"name": village.name, "url": village.url, "link": link},
        )


# Step name → function; each runs inside the transaction that records it.
PROVISIONING_STEPS: dict[str, Callable[..., None]] = {
    StepName.SCHEMA: _step_schema,
    StepName.SEED: _step_seed,
    StepName.DOMAIN: _step_domain,
    StepName.ACTIVE: _step_active,
}


def _provision_failed(village: Village, step: str, exc: Exception, actor: Actor) -> None:
    message = f"{type(exc).__name__}: {exc}"[:2000]
    with transaction.atomic():
        ProvisioningStep.objects.filter(village=village, name=step).update(error=message)
        Village.objects.filter(pk=village.pk).update(
            status=VillageStatus.FAILED,
            status_detail=f"{step}: {message}",
            updated_at=timezone.now(),
        )
        village.status = VillageStatus.FAILED
        tenant_services.lifecycle_event_record(
            village=village, action="provision_failed", actor=actor, reason=message, step=step
        )
        Signup.objects.filter(village=village).update(status=SignupStatus.FAILED)


def village_provision(
    *,
    village: Village,
    actor: Actor,
    admin_password: str | None = None,
    admin_email: str = "",
    names: dict[str, str] | None = None,
) -> float:
    """Bring an approved village to active through the recorded steps; returns seconds.

    Safe to re-run after any crash or failure: recorded steps are skipped, the others
    are (re)done. A step that raises marks the village ``failed`` with the error and
    re-raises (the task retries). Needs the public schema; enters the village itself.
    """
    started = time.perf_counter()
    village = Village.objects.get(pk=village.pk)
    if village.status == VillageStatus.ACTIVE and not _steps_missing(village):
        return time.perf_counter() - started
    if village.status not in (VillageStatus.PROVISIONING, VillageStatus.ACTIVE):
        Village.objects.filter(pk=village.pk).update(status=VillageStatus.PROVISIONING)
        village.status = VillageStatus.PROVISIONING
    if not admin_email:
        signup = Signup.objects.filter(village=village).only("email").first()
        admin_email = signup.email if signup else ""
    for name in STEP_ORDER:
        step, _created = ProvisioningStep.objects.get_or_create(village=village, name=name)
        if step.done:
            continue
        ProvisioningStep.objects.filter(pk=step.pk).update(attempts=step.attempts + 1, error="")
        try:
            with transaction.atomic():
                PROVISIONING_STEPS[name](
                    village=village,
                    actor=actor,
                    admin_password=admin_password,
                    admin_email=admin_email,
                    names=names,
                )
                ProvisioningStep.objects.filter(pk=step.pk).update(finished_at=timezone.now())
        except Exception as exc:
            _provision_failed(village, name, exc, actor)
            raise
    log.info("village provisioned", extra={"slug": village.slug})
    _billing_sync(village=village, actor=actor)
    return time.perf_counter() - started


def _billing_sync(*, village: Village, actor: Actor) -> None:
    """Attach the new village to its kabupaten's contract (subscription quantity).

    Runs after the village is live and outside its transaction: a provider outage must
    not undo a provisioned village; the nightly reconciliation re-syncs quantities."""
    from control_plane.billing.gateway import GatewayError
    from control_plane.billing.services import BillingError, contract_sync_quantity

    try:
        contract_sync_quantity(village=village, actor=actor)
    except (BillingError, GatewayError):
        log.warning("billing sync deferred to reconciliation", extra={"slug": village.slug})


def _steps_missing(village: Village) -> bool:
    done = ProvisioningStep.objects.filter(village=village, finished_at__isnull=False).count()
    return done < len(STEP_ORDER) and village.activated_at is None


@transaction.atomic
def village_register(*, code: str, slug: str = "", actor: Actor, admin_email: str = "") -> Village:
    """Operations' own sign-up (CLI/console): register a village straight to
    ``provisioning``. The caller provisions it inline or through the task."""
    desa = code_check(code)
    slug = slug_check(slug) if slug else slug_suggest(code=desa.code)
    village = tenant_services.village_create(
        code=desa.code, name=desa.name, slug=slug, actor=actor, status=VillageStatus.PROVISIONING
    )
    tenant_services.lifecycle_event_record(
        village=village, action="approved", actor=actor, admin_email=bool(admin_email)
    )
    return village

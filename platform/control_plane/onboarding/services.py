"""Sign-up, invitation, approval and provisioning of villages.

Provisioning walks recorded steps (schema → seed → domain → active). Each step and
the row that records it commit in one transaction, so a crash anywhere leaves the
step either fully done and recorded or not done at all; re-running resumes at the
first unrecorded step. The schema itself is cloned from the template in one
transaction (~30 ms), never migrated per village.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import secrets
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tenants.utils import schema_exists

from control_plane.accounts.permissions import StaffRole, managed_kabupaten_codes, staff_role
from control_plane.onboarding.choices import RESERVED_SLUGS, STEP_ORDER, SignupStatus, StepName
from control_plane.onboarding.models import (
    Invitation,
    ProvisioningStep,
    SchemaPoolEntry,
    Signup,
)
from control_plane.onboarding.selectors import contract_for_kabupaten, seats_free
from control_plane.reference.selectors import desa_get, region_names
from tenants import routing, schema
from tenants import services as tenant_services
from tenants.choices import VillageStatus
from tenants.context import village_context
from tenants.links import absolute_url
from tenants.models import Village, code_digits, slug_validator
from tenants.services import village_export  # noqa: F401 - backups call it from here

log = logging.getLogger(__name__)

PROOF_MAGIC = (b"%PDF", b"\xff\xd8\xff", b"\x89PNG")
LIVE_STATUSES = (
    VillageStatus.PENDING,
    VillageStatus.PROVISIONING,
    VillageStatus.ACTIVE,
    VillageStatus.SUSPENDED,
    VillageStatus.ARCHIVED,
)


class OnboardingError(Exception):
    """A sign-up or approval that is not allowed; the message is for the user (Indonesian)."""


def platform_url(path: str, query: dict[str, str] | None = None) -> str:
    return absolute_url(path, query=query)


def _mail(*, to: str, subject: str, body: str) -> None:
    """Send after commit, so a rolled-back change never e-mails anyone."""
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
    )


# --- Codes and subdomains -------------------------------------------------------------


def code_check(code: str) -> Any:
    """The reference desa for a code; raises ValidationError with the user's message."""
    try:
        digits = code_digits(code)
    except ValidationError as exc:
        raise ValidationError({"code": exc.messages}) from exc
    desa = desa_get(digits)
    if desa is None:
        raise ValidationError(
            {
                "code": _("Kode desa %(code)s tidak ditemukan dalam data Kemendagri.")
                % {"code": code}
            }
        )
    existing = Village.objects.filter(code=digits, status__in=LIVE_STATUSES).first()
    if existing is not None:
        raise ValidationError(
            {
                "code": _("Desa %(name)s sudah terdaftar di Balai: %(url)s")
                % {"name": existing.name, "url": existing.url}
            }
        )
    return desa


def slug_check(slug: str) -> str:
    """Normalise and validate a subdomain: format, reserved words, uniqueness."""
    slug = (slug or "").strip().lower()
    try:
        slug_validator(slug)
    except ValidationError as exc:
        raise ValidationError({"slug": exc.messages}) from exc
    if slug in RESERVED_SLUGS or "--" in slug:
        raise ValidationError(
            {"slug": _("Subdomain %(slug)s tidak boleh dipakai.") % {"slug": slug}}
        )
    if (
        Village.objects.filter(slug=slug).exists()
        or Signup.objects.filter(
            slug=slug, status=SignupStatus.UNVERIFIED, created_at__gte=timezone.now() - _HOLD
        ).exists()
    ):
        raise ValidationError({"slug": _("Subdomain %(slug)s sudah dipakai.") % {"slug": slug}})
    return slug


_HOLD = timezone.timedelta(hours=24)  # an unverified sign-up holds its subdomain this long


def _free(slug: str) -> bool:
    try:
        slug_check(slug)
    except ValidationError:
        return False
    return True


def slug_suggest(*, code: str) -> str:
    """A free subdomain for a village: its name, then name + kecamatan, then a number."""
    desa = desa_get(code)
    if desa is None:
        return ""
    base = slugify(desa.name)[:40].strip("-") or "desa"
    base = re.sub(r"-+", "-", base)
    if len(base) < 3:
        base = f"desa-{base}"
    candidates = [base, f"{base}-{slugify(desa.kecamatan.name)}"[:40].strip("-")]
    candidates += [f"{base[:36]}-{n}" for n in range(2, 50)]
    return next((c for c in candidates if _free(c)), "")


def _proof_max() -> int:
    return getattr(settings, "BALAI_PROOF_MAX_BYTES", 2 * 1024 * 1024)


def _proof_check(proof: UploadedFile | None, *, required: bool) -> None:
    if proof is None:
        if required:
            raise ValidationError({"proof": _("Unggah surat tugas atau SK kepala desa.")})
        return
    if proof.size > _proof_max():
        raise ValidationError(
            {
                "proof": _("Berkas terlalu besar (maksimal %(mb)s MB).")
                % {"mb": _proof_max() // 1048576}
            }
        )
    head = proof.read(8)
    proof.seek(0)
    if not head.startswith(PROOF_MAGIC):
        raise ValidationError({"proof": _("Berkas harus PDF, JPG atau PNG.")})


# --- Sign-up ---------------------------------------------------------------------------


@transaction.atomic
def signup_submit(
    *,
    code: str,
    slug: str,
    operator_name: str,
    email: str,
    phone: str,
    position: str,
    consent: bool,
    proof: UploadedFile | None = None,
    invitation: Invitation | None = None,
) -> Signup:
    """Record a sign-up and e-mail the verification link. Nothing is reserved until the
    e-mail is verified (then a pending village row holds code and subdomain)."""
    if invitation is not None:
        if invitation.used_at is not None:
            raise ValidationError(_("Undangan ini sudah dipakai."))
        code, email = invitation.code, invitation.email
    errors: dict[str, list[str]] = {}
    desa = None
    for check in (lambda: code_check(code), lambda: slug_check(slug)):
        try:
            result = check()
            if desa is None and not isinstance(result, str):
                desa = result
        except ValidationError as exc:
            for field, msgs in exc.message_dict.items():
                errors.setdefault(field, []).extend(msgs)
    try:
        _proof_check(proof, required=invitation is None)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not consent:
        errors["consent"] = [_("Anda harus menyetujui ketentuan layanan.")]
    if errors:
        raise ValidationError(errors)
    signup = Signup.objects.create(
        code=desa.code,
        kabupaten_code=desa.code[:4],
        village_name=desa.name,
        slug=slug.strip().lower(),
        operator_name=operator_name,
        email=email,
        phone=phone,
        position=position,
        consent_at=timezone.now(),
        invitation=invitation,
        proof=proof,
    )
    link = platform_url(
        reverse(
            urlconf=settings.PUBLIC_SCHEMA_URLCONF,
            viewname="onboarding:verify",
            args=[signup.email_token],
        )
    )
    _mail(
        to=signup.email,
        subject=_("Verifikasi e-mail pendaftaran desa %(name)s") % {"name": signup.village_name},
        body=_(
            "Terima kasih telah mendaftarkan %(name)s di Balai.\n\n"
            "Buka tautan ini untuk memverifikasi alamat e-mail Anda:\n%(link)s\n"
        )
        % {"name": signup.village_name, "link": link},
    )
    log.info("signup submitted", extra={"signup": signup.pk})
    return signup


@transaction.atomic
def signup_verify(*, email_token: str) -> Signup:
    """Confirm the e-mail, reserve the village (pending) and approve at once when the
    sign-up came through an invitation, or the contract approves automatically, and a
    seat is free. Re-opening the link is harmless."""
    signup = Signup.objects.select_for_update().filter(email_token=email_token).first()
    if signup is None:
        raise OnboardingError(_("Tautan verifikasi tidak dikenal."))
    if signup.status != SignupStatus.UNVERIFIED:
        return signup
    try:
        with transaction.atomic():
            village = tenant_services.village_create(
                code=signup.code, name=signup.village_name, slug=signup.slug, actor=signup.email
            )
    except (ValidationError, IntegrityError) as exc:
        raise OnboardingError(
            _("Desa atau subdomain ini sudah didaftarkan orang lain. Silakan daftar ulang.")
        ) from exc
    signup.village = village
    signup.verified_at = timezone.now()
    signup.status = SignupStatus.PENDING
    signup.save(update_fields=["village", "verified_at", "status"])
    contract = contract_for_kabupaten(signup.kabupaten_code)
    invited = signup.invitation_id is not None
    if invited:
        Invitation.objects.filter(pk=signup.invitation_id).update(used_at=timezone.now())
    if contract is not None and (invited or contract.auto_approve):
        free = seats_free(contract)
        if free is None or free > 0:
            return _approve(signup, actor="undangan" if invited else "persetujuan-otomatis")
    _notify_deciders(signup)
    return signup


def _notify_deciders(signup: Signup) -> None:
    contract = contract_for_kabupaten(signup.kabupaten_code)
    if contract is None:
        return
    link = platform_url(
        reverse(
            urlconf=settings.PUBLIC_SCHEMA_URLCONF,
            viewname="onboarding:approval_detail",
            args=[signup.pk],
        )
    )
    for email in contract.managers.exclude(email="").values_list("email", flat=True):
        _mail(
            to=email,
            subject=_("Pendaftaran desa menunggu persetujuan: %(name)s")
            % {"name": signup.village_name},
            body=_("Desa %(name)s (%(code)s) menunggu persetujuan Anda:\n%(link)s\n")
            % {"name": signup.village_name, "code": signup.code_dotted, "link": link},
        )


def _may_decide(user: Any, signup: Signup) -> None:
    role = staff_role(user)
    if role == StaffRole.OPS:
        return
    codes = managed_kabupaten_codes(user) or set()
    if role != StaffRole.CONTRACT_MANAGER or signup.kabupaten_code not in codes:
        raise PermissionDenied
    if contract_for_kabupaten(signup.kabupaten_code) is None:
        raise OnboardingError(
            _("Kabupaten ini belum memiliki kontrak; hanya tim operasional yang dapat menyetujui.")
        )


def _approve(signup: Signup, *, actor: str) -> Signup:
    from control_plane.onboarding.tasks import village_provision_task

    contract = contract_for_kabupaten(signup.kabupaten_code)
    if contract is not None and seats_free(contract) == 0:
        raise OnboardingError(_("Kuota desa pada kontrak kabupaten ini sudah penuh."))
    village = Village.objects.select_for_update().get(pk=signup.village_id)
    village.status = VillageStatus.PROVISIONING
    village.save(update_fields=["status", "updated_at"])
    tenant_services.lifecycle_event_record(village=village, action="approved", actor=actor)
    signup.status = SignupStatus.APPROVED
    signup.decided_at = timezone.now()
    signup.decided_by = actor
    signup.save(update_fields=["status", "decided_at", "decided_by"])
    transaction.on_commit(lambda: village_provision_task.defer(village_id=village.pk, actor=actor))
    _mail(
        to=signup.email,
        subject=_("Pendaftaran %(name)s disetujui") % {"name": signup.village_name},
        body=_("Desa %(name)s sedang disiapkan. Ikuti perkembangannya di:\n%(link)s\n")
        % {
            "name": signup.village_name,
            "link": platform_url(
                reverse(
                    urlconf=settings.PUBLIC_SCHEMA_URLCONF,
                    viewname="onboarding:status",
                    args=[signup.token],
                )
            ),
        },
    )
    return signup


@transaction.atomic
def signup_approve(*, signup: Signup, user: Any) -> Signup:
    """Approve a pending sign-up (its kabupaten's contract manager, or operations) and
    queue provisioning after commit."""
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    _may_decide(user, signup)
    if signup.status != SignupStatus.PENDING:
        raise OnboardingError(_("Pendaftaran ini sudah diputuskan."))
    return _approve(signup, actor=user.get_username())


@transaction.atomic
def signup_reject(*, signup: Signup, user: Any, reason: str) -> Signup:
    """Reject a pending sign-up with a reason e-mailed to the operator; frees code and subdomain."""
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    _may_decide(user, signup)
    if signup.status != SignupStatus.PENDING:
        raise OnboardingError(_("Pendaftaran ini sudah diputuskan."))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan penolakan wajib diisi.")})
    village = Village.objects.select_for_update().get(pk=signup.village_id)
    village.status = VillageStatus.REJECTED
    village.status_detail = reason
    # Free the subdomain for a later, correct sign-up.
    village.slug = f"x{village.pk}-{village.slug}"[:40].rstrip("-")
    village.schema_name = f"rejected_{village.pk}"
    village.save(update_fields=["status", "status_detail", "slug", "schema_name", "updated_at"])
    tenant_services.lifecycle_event_record(
        village=village, action="rejected", actor=user.get_username(), reason=reason
    )
    signup.status = SignupStatus.REJECTED
    signup.reason = reason
    signup.decided_at = timezone.now()
    signup.decided_by = user.get_username()
    signup.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    _mail(
        to=signup.email,
        subject=_("Pendaftaran %(name)s ditolak") % {"name": signup.village_name},
        body=_("Mohon maaf, pendaftaran desa %(name)s ditolak.\nAlasan: %(reason)s\n")
        % {"name": signup.village_name, "reason": reason},
    )
    return signup


# --- Invitations -----------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, code: str, email: str, user: Any) -> Invitation:
    """Invite one village's operator; only for a kabupaten the user manages."""
    desa = code_check(code)
    codes = managed_kabupaten_codes(user)
    if codes is not None and desa.code[:4] not in codes:
        raise ValidationError({"code": _("Desa ini bukan wilayah kontrak Anda.")})
    try:
        from django.core.validators import validate_email

        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Alamat e-mail tidak valid.")}) from exc
    if Invitation.objects.filter(code=desa.code, used_at__isnull=True).exists():
        raise ValidationError({"code": _("Desa ini sudah memiliki undangan yang belum dipakai.")})
    invitation = Invitation.objects.create(
        code=desa.code, kabupaten_code=desa.code[:4], email=email, invited_by=user
    )
    link = platform_url(
        reverse(urlconf=settings.PUBLIC_SCHEMA_URLCONF, viewname="onboarding:signup"),
        query={"undangan": invitation.token},
    )
    _mail(
        to=email,
        subject=_("Undangan bergabung ke Balai: %(name)s") % {"name": desa.name},
        body=_(
            "Pemerintah kabupaten mengundang desa %(name)s (%(code)s) bergabung dengan Balai.\n"
            "Daftarkan desa melalui tautan ini:\n%(link)s\n"
        )
        % {"name": desa.name, "code": desa.code_dotted, "link": link},
    )
    return invitation


# One upload invites a kabupaten's villages, not a country's: each row sends an e-mail.
INVITATION_CSV_MAX_ROWS = 500


def invitation_bulk_create(*, csv_text: str, user: Any) -> tuple[list[Invitation], list[str]]:
    """Invite from CSV lines ``kode,email`` (header optional). Each row is its own
    transaction; returns the invitations made and one Indonesian error per bad row.
    A file that is not CSV or has more than ``INVITATION_CSV_MAX_ROWS`` rows is
    refused whole (nothing is sent)."""
    made: list[Invitation] = []
    errors: list[str] = []
    rows: list[tuple[int, list[str]]] = []  # (line, cells) of the non-empty lines
    try:
        for number, row in enumerate(csv.reader(io.StringIO(csv_text.replace("\x00", ""))), 1):
            if row and "".join(row).strip():
                rows.append((number, row))
            if len(rows) > INVITATION_CSV_MAX_ROWS + 1:  # one more: a heading
                return made, [
                    _("Paling banyak %(n)d baris per unggahan; tidak ada undangan yang dikirim.")
                    % {"n": INVITATION_CSV_MAX_ROWS}
                ]
    except csv.Error:  # e.g. a field longer than the csv module's limit
        return made, [_("Berkas tidak dapat dibaca sebagai CSV (kode,email per baris).")]
    for number, row in rows:
        if number == 1 and not any(ch.isdigit() for ch in row[0]):
            continue  # header
        if len(row) < 2:
            errors.append(_("Baris %(n)d: harus berisi kode dan e-mail.") % {"n": number})
            continue
        try:
            made.append(invitation_create(code=row[0].strip(), email=row[1].strip(), user=user))
        except ValidationError as exc:
            errors.append(_("Baris %(n)d: %(msg)s") % {"n": number, "msg": " ".join(exc.messages)})
    return made, errors


# --- Provisioning ----------------------------------------------------------------------


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


def village_set_password_link(*, village: Village, username: str = "admin") -> str:
    """The one-time set-password URL of a village user, made inside the village schema
    (uid and token are only valid there)."""
    with village_context(village):
        user = get_user_model().objects.get(username=username)
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        path = reverse(
            "akun:set_password",
            urlconf=settings.ROOT_URLCONF,
            kwargs={"uidb64": uid, "token": token},
        )
    return absolute_url(path, village=village)


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
    from control_plane.onboarding.tasks import schema_pool_fill_task

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
    *, village: Village, actor: str, admin_password: str | None, admin_email: str, **_kw: Any
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
        link = village_set_password_link(village=village)
        _mail(
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


def _provision_failed(village: Village, step: str, exc: Exception, actor: str) -> None:
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
    actor: str,
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


def _billing_sync(*, village: Village, actor: str) -> None:
    """Attach the new village to its kabupaten's contract (subscription quantity).

    Runs after the village is live and outside its transaction: a provider outage must
    not undo a provisioned village; the nightly reconciliation re-syncs quantities."""
    from control_plane.billing.services import BillingError, contract_sync_quantity

    try:
        contract_sync_quantity(village=village, actor=actor)
    except BillingError:
        log.warning("billing sync deferred to reconciliation", extra={"slug": village.slug})


def _steps_missing(village: Village) -> bool:
    done = ProvisioningStep.objects.filter(village=village, finished_at__isnull=False).count()
    return done < len(STEP_ORDER) and village.activated_at is None


@transaction.atomic
def village_register_approved(
    *, code: str, slug: str = "", actor: str, admin_email: str = ""
) -> Village:
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

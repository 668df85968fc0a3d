"""Sign-up, invitation and approval of villages.

An approval hands the village to provisioning (``control_plane.provisioning``)
through ``onboarding.hooks``: provisioning builds on sign-ups, sign-up never imports
provisioning.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import secrets
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict, Unpack

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.links import absolute_url
from balai_kernel.mail import mail_on_commit
from balai_kernel.phone import phone_normalize
from control_plane.accounts.permissions import StaffRole, managed_kabupaten_codes, staff_role
from control_plane.onboarding import hooks, selectors
from control_plane.onboarding.choices import RESERVED_SLUGS, SignupStatus
from control_plane.onboarding.models import (
    PROOF_EXTENSIONS,
    Invitation,
    Signup,
)
from control_plane.onboarding.selectors import contract_for_kabupaten, seats_free
from control_plane.reference.selectors import desa_get
from tenants import services as tenant_services
from tenants.choices import VillageStatus
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


_mail = mail_on_commit  # after commit, so a rolled-back change never e-mails anyone


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


# --- A proof kept while the form is corrected ------------------------------------------

# A browser can not put a file back into a form, so a refused sign-up would make the
# person choose the proof again. A proof that passed its checks is kept here instead,
# named by a signed token the form carries, until the sign-up is stored or a day passed.
PROOF_HOLD_PREFIX = "pendaftaran/sementara/"
PROOF_HOLD_SECONDS = 24 * 3600
_PROOF_HOLD_SALT = "onboarding.proof-hold"


def proof_hold_store(*, proof: UploadedFile) -> str:
    """Keep a proof that passed ``_proof_check``; returns the token that names it."""
    extension = (proof.name.rsplit(".", 1)[-1] if "." in proof.name else "pdf").lower()
    if extension not in PROOF_EXTENSIONS:
        extension = "pdf"
    name = default_storage.save(f"{PROOF_HOLD_PREFIX}{secrets.token_hex(16)}.{extension}", proof)
    proof.seek(0)
    return signing.dumps({"name": name, "filename": proof.name[-100:]}, salt=_PROOF_HOLD_SALT)


def proof_hold_get(token: str) -> UploadedFile | None:
    """The kept proof a token names, as an upload again; None when the token is not
    ours, older than a day, or its file is gone."""
    try:
        held = signing.loads(token, salt=_PROOF_HOLD_SALT, max_age=PROOF_HOLD_SECONDS)
        name, filename = str(held["name"]), str(held["filename"])
    except (signing.BadSignature, KeyError, TypeError):
        return None
    if not name.startswith(PROOF_HOLD_PREFIX) or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as fh:
        content = fh.read(_proof_max() + 1)
    upload = SimpleUploadedFile(filename, content)
    upload.held_name = name  # type: ignore[attr-defined] - deleted once stored
    return upload


def proof_hold_clear(*, older_than: int = PROOF_HOLD_SECONDS) -> int:
    """Delete kept proofs older than ``older_than`` seconds (the periodic job); returns
    how many."""
    try:
        _dirs, files = default_storage.listdir(PROOF_HOLD_PREFIX)
    except FileNotFoundError:
        return 0
    limit = timezone.now() - timezone.timedelta(seconds=older_than)
    removed = 0
    for filename in files:
        name = PROOF_HOLD_PREFIX + filename
        if default_storage.get_modified_time(name) < limit:
            default_storage.delete(name)
            removed += 1
    return removed


# --- Sign-up ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SignupCheck:
    """Every rule of a sign-up checked at once: the village it resolved to, the cleaned
    subdomain and phone number, and the errors by field (empty when it may be stored)."""

    choice: selectors.DesaChoice
    slug: str
    phone: str
    errors: dict[str, list[str]]


class SignupFields(TypedDict):
    """What a person fills in to sign a village up: the village as typed (``desa``, a
    code or a name) or picked (``code``), and the rest of the form."""

    slug: str
    operator_name: str
    email: str
    phone: str
    position: str
    consent: bool
    desa: NotRequired[str]
    code: NotRequired[str]
    proof: NotRequired[UploadedFile | None]


def signup_check(
    *, invitation: Invitation | None = None, **fields: Unpack[SignupFields]
) -> SignupCheck:
    """Check every field of a sign-up together, so that the person sees all that is
    wrong in one round: the village (typed code or name, or a picked ``code``; not yet
    on Balai), the subdomain (format, reserved, free), the contact, the proof (not for an
    invitation) and the consent. Reads only; ``signup_submit`` runs it again inside its
    transaction."""
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    desa, code, email = fields.get("desa", ""), fields.get("code", ""), fields["email"]
    slug, phone, proof = fields["slug"], fields["phone"], fields.get("proof")
    if invitation is not None:
        desa, code, email = "", invitation.code, invitation.email
    choice = selectors.desa_choice_get(text=desa, code=code)
    if choice.desa is None:
        refuse("code", choice.error)
    else:
        try:
            code_check(choice.desa.code)
        except ValidationError as exc:
            for message in exc.message_dict["code"]:
                refuse("code", message)
    try:
        slug = slug_check(slug)
    except ValidationError as exc:
        for message in exc.message_dict["slug"]:
            refuse("slug", message)
    for field, label in (
        ("operator_name", _("Nama Anda wajib diisi.")),
        ("position", _("Jabatan wajib diisi.")),
    ):
        if not (fields[field] or "").strip():  # type: ignore[literal-required]
            refuse(field, label)
    if not (email or "").strip():
        # The verification link is the only way forward: without an address the
        # sign-up would wait forever.
        refuse("email", _("E-mail wajib diisi: tautan verifikasi dikirim ke alamat ini."))
    else:
        try:
            validate_email(email.strip())
        except ValidationError:
            refuse("email", _("Alamat e-mail tidak valid."))
    try:
        phone = phone_normalize(phone)
    except ValidationError as exc:
        refuse("phone", exc.messages[0])
    else:
        if not phone:
            refuse("phone", _("Nomor telepon wajib diisi."))
    try:
        _proof_check(proof, required=invitation is None)
    except ValidationError as exc:
        for message in exc.message_dict["proof"]:
            refuse("proof", message)
    if not fields["consent"]:
        refuse("consent", _("Anda harus menyetujui syarat layanan dan kebijakan privasi."))
    return SignupCheck(choice=choice, slug=slug, phone=phone, errors=errors)


@transaction.atomic
def signup_submit(
    *, invitation: Invitation | None = None, **fields: Unpack[SignupFields]
) -> Signup:
    """Record a sign-up after checking every field at once (``signup_check``; one
    ``ValidationError`` with all messages by field).

    Without an invitation the verification link is e-mailed and nothing is reserved
    until it is opened (then a pending village row holds code and subdomain). Through
    an invitation the e-mail is already proven (the invitation link was sent to it):
    the village is reserved at once and, with a free seat, approved."""
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.used_at is not None:
            raise ValidationError(_("Undangan ini sudah dipakai."))
    check = signup_check(invitation=invitation, **fields)
    if check.errors:
        raise ValidationError(check.errors)
    desa = check.choice.desa
    proof = fields.get("proof")
    signup = Signup.objects.create(
        code=desa.code,
        kabupaten_code=desa.code[:4],
        village_name=desa.name,
        slug=check.slug,
        operator_name=fields["operator_name"].strip(),
        email=(invitation.email if invitation is not None else fields["email"]).strip(),
        phone=check.phone,
        position=fields["position"].strip(),
        consent_at=timezone.now(),
        invitation=invitation,
        proof=proof,
    )
    log.info("signup submitted", extra={"signup": signup.pk})
    held = getattr(proof, "held_name", "")
    if held:  # stored with the sign-up now: the kept copy goes once that commits
        transaction.on_commit(lambda: default_storage.delete(held))
    if invitation is None:
        _verification_mail(signup)
        return signup
    try:
        return _verified(signup)
    except OnboardingError as exc:
        raise ValidationError({"code": [str(exc)]}) from exc


def _verification_mail(signup: Signup) -> None:
    link = absolute_url(
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


@transaction.atomic
def signup_verification_request(*, signup: Signup) -> Signup:
    """Send the verification link of an unverified sign-up again (same link; the
    e-mail goes out on commit). The caller limits how often (``ABUSE_LIMITS
    ["signup"]``, as for the sign-up itself). Refused with a user-facing
    :class:`OnboardingError` once verified, or for a sign-up without an address."""
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    if signup.status != SignupStatus.UNVERIFIED:
        raise OnboardingError(_("E-mail pendaftaran ini sudah terverifikasi."))
    if not signup.email:
        raise OnboardingError(
            _("Pendaftaran ini tidak memiliki alamat e-mail. Silakan daftar ulang.")
        )
    _verification_mail(signup)
    log.info("signup verification resent", extra={"signup": signup.pk})
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
    return _verified(signup)


def _verified(signup: Signup) -> Signup:
    """The e-mail of ``signup`` is proven (its verification link, or the invitation that
    was sent to it): reserve the village and approve it, or tell whoever decides."""
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
            return _approve(
                signup, actor=Actor.named("undangan" if invited else "persetujuan-otomatis")
            )
    _notify_deciders(signup)
    return signup


def _notify_deciders(signup: Signup) -> None:
    """E-mail whoever can decide (``selectors.signup_decider_list``) that ``signup``
    waits, with the link to its approval page."""
    link = absolute_url(
        reverse(
            urlconf=settings.PUBLIC_SCHEMA_URLCONF,
            viewname="onboarding:approval_detail",
            args=[signup.pk],
        )
    )
    for email in selectors.signup_decider_list(signup.kabupaten_code):
        _mail(
            to=email,
            subject=_("Pendaftaran desa menunggu persetujuan: %(name)s")
            % {"name": signup.village_name},
            body=_(
                "Desa %(name)s (%(code)s) mendaftar di Balai dan menunggu persetujuan Anda.\n"
                "Operator: %(operator)s, %(position)s.\n\n"
                "Periksa bukti penugasan lalu setujui atau tolak di:\n%(link)s\n"
            )
            % {
                "name": signup.village_name,
                "code": signup.code_dotted,
                "operator": signup.operator_name,
                "position": signup.position,
                "link": link,
            },
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


def _approve(signup: Signup, *, actor: Actor) -> Signup:
    contract = contract_for_kabupaten(signup.kabupaten_code)
    if contract is not None and seats_free(contract) == 0:
        raise OnboardingError(_("Kuota desa pada kontrak kabupaten ini sudah penuh."))
    village = Village.objects.select_for_update().get(pk=signup.village_id)
    village.status = VillageStatus.PROVISIONING
    village.save(update_fields=["status", "updated_at"])
    tenant_services.lifecycle_event_record(village=village, action="approved", actor=actor)
    signup.status = SignupStatus.APPROVED
    signup.decided_at = timezone.now()
    signup.decided_by = str(actor)
    signup.save(update_fields=["status", "decided_at", "decided_by"])
    hooks.village_approved_notify(village=village, actor=actor)
    _mail(
        to=signup.email,
        subject=_("Pendaftaran %(name)s disetujui") % {"name": signup.village_name},
        body=_("Desa %(name)s sedang disiapkan. Ikuti perkembangannya di:\n%(link)s\n")
        % {
            "name": signup.village_name,
            "link": absolute_url(
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
def signup_approve(*, signup: Signup, actor: Actor) -> Signup:
    """Approve a pending sign-up (its kabupaten's contract manager, or operations) and
    queue provisioning after commit."""
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    _may_decide(actor.user, signup)
    if signup.status != SignupStatus.PENDING:
        raise OnboardingError(_("Pendaftaran ini sudah diputuskan."))
    return _approve(signup, actor=actor)


@transaction.atomic
def signup_reject(*, signup: Signup, actor: Actor, reason: str) -> Signup:
    """Reject a pending sign-up with a reason e-mailed to the operator; frees code and
    subdomain, so the same person (or anyone) may apply again for the village. The
    e-mail links to the form filled in from this sign-up; the rejected row stays as the
    village's history (``selectors.signup_history_list``)."""
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    _may_decide(actor.user, signup)
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
        village=village, action="rejected", actor=str(actor), reason=reason
    )
    signup.status = SignupStatus.REJECTED
    signup.reason = reason
    signup.decided_at = timezone.now()
    signup.decided_by = str(actor)
    signup.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    again = absolute_url(
        reverse(urlconf=settings.PUBLIC_SCHEMA_URLCONF, viewname="onboarding:signup"),
        query={"ulang": signup.token},
    )
    _mail(
        to=signup.email,
        subject=_("Pendaftaran %(name)s ditolak") % {"name": signup.village_name},
        body=_(
            "Mohon maaf, pendaftaran desa %(name)s ditolak.\nAlasan: %(reason)s\n\n"
            "Anda dapat mengajukan lagi dengan e-mail dan desa yang sama setelah "
            "memperbaiki hal di atas (misalnya mengunggah surat tugas yang benar). "
            "Formulir yang sudah berisi data pendaftaran ini ada di:\n%(link)s\n"
        )
        % {"name": signup.village_name, "reason": reason, "link": again},
    )
    return signup


# --- Invitations -----------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, code: str, email: str, actor: Actor) -> Invitation:
    """Invite one village's operator; only for a kabupaten the user manages."""
    desa = code_check(code)
    codes = managed_kabupaten_codes(actor.user)
    if codes is not None and desa.code[:4] not in codes:
        raise ValidationError({"code": _("Desa ini bukan wilayah kontrak Anda.")})
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Alamat e-mail tidak valid.")}) from exc
    if Invitation.objects.filter(code=desa.code, used_at__isnull=True).exists():
        raise ValidationError({"code": _("Desa ini sudah memiliki undangan yang belum dipakai.")})
    invitation = Invitation.objects.create(
        code=desa.code, kabupaten_code=desa.code[:4], email=email, invited_by=actor.user
    )
    link = absolute_url(
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


def invitation_bulk_create(*, csv_text: str, actor: Actor) -> tuple[list[Invitation], list[str]]:
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
            made.append(invitation_create(code=row[0].strip(), email=row[1].strip(), actor=actor))
        except ValidationError as exc:
            errors.append(_("Baris %(n)d: %(msg)s") % {"n": number, "msg": " ".join(exc.messages)})
    return made, errors

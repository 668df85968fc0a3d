"""Control-plane accounts: invitations, second-factor devices, e-mail and password changes.

Every change to a user's credentials is one transaction with its ``AccountEvent`` row;
the e-mails that tell the owner about it go out on commit. Who may call these (a
verified session, see ``permissions.credential_change``) is the views' business; the
device services re-check the one rule that concerns races (a first device only while
the user has none)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai_kernel import second_factor
from balai_kernel.actor import Actor
from balai_kernel.links import absolute_url
from balai_kernel.mail import mail_on_commit
from control_plane.accounts.models import (
    REGION_ROLES,
    SECOND_FACTOR_ROLES,
    AccountEvent,
    AccountEventKind,
    EmailChange,
    StaffProfile,
    StaffRole,
)

EMAIL_CHANGE_MAX_AGE = 2 * 24 * 3600


def staff_set_password_link_get(*, account: Any) -> str:
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    return absolute_url(
        reverse(
            urlconf=settings.PUBLIC_SCHEMA_URLCONF,
            viewname="accounts:password_reset_confirm",
            args=[uid, token],
        )
    )


def email_mask(email: str) -> str:
    """``o***@contoh.id``: enough for the owner to recognise, not to harvest."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def _event(*, user: Any, kind: str, detail: str = "", actor: Actor | None = None) -> AccountEvent:
    """One account event: ``user`` the account it concerns, ``actor`` who did it (the
    signed-in account, none through a link) and the client address it came from."""
    by = actor.user if actor is not None else None
    return AccountEvent.objects.create(
        user=user,
        actor=by if getattr(by, "is_authenticated", False) else None,
        kind=kind,
        detail=detail[:255],
        ip=(actor.address or None) if actor is not None else None,
    )


def _mail_on_commit(address: str, subject: str, body: str) -> None:
    """Send after the change is committed (a rolled-back change sends nothing)."""
    if not address:
        return
    mail_on_commit(to=address, subject=subject, body=body)


def _notice(user: Any, what: str, *, address: str | None = None) -> None:
    """Tell the account's owner (at ``address``, default their current e-mail) that
    ``what`` happened, and what to do if it was not them."""
    when = timezone.localtime().strftime("%d-%m-%Y %H:%M")
    _mail_on_commit(
        address if address is not None else user.email,
        _("Perubahan keamanan akun Balai Anda"),
        _(
            "%(what)s (%(when)s).\n\n"
            "Jika bukan Anda yang melakukannya, segera ganti kata sandi Anda melalui "
            "%(reset)s dan hubungi tim operasional Balai.\n"
        )
        % {
            "what": what,
            "when": when,
            "reset": absolute_url(
                reverse(urlconf=settings.PUBLIC_SCHEMA_URLCONF, viewname="accounts:password_reset")
            ),
        },
    )


# What a region code of each length is called in messages.
LEVEL_NAMES = {2: _lazy("provinsi"), 4: _lazy("kabupaten/kota"), 6: _lazy("kecamatan")}


def _invite_region_check(*, role: str, region_code: str, invited_by: Any) -> str:
    """The region ``role`` is bound to, checked: of the role's level (``REGION_ROLES``),
    in the Kemendagri list when one is loaded, within the inviter's own scope. ``""``
    for a role bound to none."""
    from control_plane.accounts.permissions import region_in_scope
    from control_plane.reference.selectors import region_code_check

    length = REGION_ROLES.get(role)
    if length is None:
        return ""
    code = region_code.replace(".", "").strip()
    if len(code) != length or not code.isdigit():
        raise ValidationError(
            {
                "region_code": _("Isi kode %(level)s: %(n)s digit.")
                % {"level": LEVEL_NAMES[length], "n": length}
            }
        )
    if region_code_check(code) is False:
        raise ValidationError(
            {"region_code": _("Kode wilayah ini tidak ada di daftar Kemendagri.")}
        )
    if not region_in_scope(invited_by, code):
        raise ValidationError(_("Anda hanya dapat mengundang untuk wilayah Anda sendiri."))
    return code


@transaction.atomic
def staff_invite(
    *,
    email: str,
    role: str,
    region_code: str = "",
    invited_by: Any,
    name: str = "",
    actor: Actor | None = None,
) -> Any:
    """Create a control-plane user without a password, bound to ``region_code`` when its
    role is a regional one, and e-mail a set-password link. Who may invite which role,
    and for which region, is ``permissions.INVITABLE_ROLES`` within the inviter's scope:
    a contract manager invites its kabupaten's managers and the camat of its kecamatan,
    operations staff anyone (province officials included). Audited (``INVITED``, the
    inviter as actor) in the same transaction; the e-mail goes on commit."""
    from control_plane.accounts.permissions import invitable_roles

    User = get_user_model()
    email = email.strip().lower()
    if role not in StaffRole.values:
        raise ValidationError({"role": _("Peran tidak dikenal.")})
    if role not in invitable_roles(invited_by):
        raise ValidationError({"role": _("Anda tidak dapat mengundang pengguna dengan peran ini.")})
    code = _invite_region_check(role=role, region_code=region_code, invited_by=invited_by)
    if User.objects.filter(username=email).exists():
        raise ValidationError({"email": _("Pengguna dengan e-mail ini sudah ada.")})
    user = User(username=email, email=email, first_name=name[:150])
    user.set_unusable_password()
    user.save()
    manager = role == StaffRole.CONTRACT_MANAGER
    StaffProfile.objects.create(
        user=user,
        role=role,
        kabupaten_code=code if manager else "",
        region_code="" if manager else code,
    )
    _event(
        user=user,
        kind=AccountEventKind.INVITED,
        detail=f"{role} {code}".strip(),
        actor=actor if actor is not None else Actor.for_user(invited_by),
    )
    link = staff_set_password_link_get(account=user)
    _mail_on_commit(
        email,
        _("Undangan ke panel Balai"),
        _("Anda diundang sebagai %(role)s di Balai.\nAtur kata sandi Anda: %(link)s\n")
        % {"role": StaffRole(role).label, "link": link},
    )
    return user


# --- Second-factor devices ------------------------------------------------------------------


def totp_device_start(*, account: Any) -> TOTPDevice:
    """An unconfirmed TOTP device for enrolment (``balai_kernel.second_factor``)."""
    return second_factor.totp_device_start(account=account)


@transaction.atomic
def totp_device_confirm(
    *,
    account: Any,
    token: str,
    session_verified: bool,
    name: str = "",
    actor: Actor | None = None,
) -> TOTPDevice | None:
    """Confirm the pending device with one of its codes (``None``: wrong code); the rules
    are ``balai_kernel.second_factor.totp_device_confirm``'s. Audited; the owner is
    e-mailed on commit."""
    device = second_factor.totp_device_confirm(
        account=account, token=token, session_verified=session_verified, name=name
    )
    if device is None:
        return None
    _event(user=account, kind=AccountEventKind.DEVICE_ADDED, detail=device.name, actor=actor)
    _notice(
        account,
        _('Perangkat autentikator baru "%(name)s" ditambahkan ke akun Balai Anda')
        % {"name": device.name},
    )
    return device


@transaction.atomic
def totp_device_remove(*, account: Any, device_id: int, actor: Actor | None = None) -> None:
    """Remove one of the user's own confirmed devices. A user whose role needs a second
    factor keeps at least one (else a password alone would let the next login enrol a
    new one). Audited; the owner is e-mailed."""
    role = getattr(getattr(account, "staff_profile", None), "role", None)
    name = second_factor.totp_device_remove(
        account=account, device_id=device_id, keep_one=role in SECOND_FACTOR_ROLES
    )
    _event(user=account, kind=AccountEventKind.DEVICE_REMOVED, detail=name, actor=actor)
    _notice(
        account,
        _('Perangkat autentikator "%(name)s" dihapus dari akun Balai Anda') % {"name": name},
    )


# --- E-mail address ---------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def email_change_request(
    *, account: Any, new_email: str, actor: Actor | None = None
) -> EmailChange:
    """Start an e-mail change: a one-time link to the new address (it carries a random
    token, never the address), and a notice to the current address, so the owner hears
    of it even if someone else holds their session. Nothing changes until the link is
    confirmed from a verified session of the same user."""
    new_email = new_email.strip().lower()
    User = get_user_model()
    if User.objects.filter(email__iexact=new_email).exclude(pk=account.pk).exists():
        raise ValidationError({"email": _("Alamat e-mail ini sudah dipakai pengguna lain.")})
    EmailChange.objects.filter(user=account, confirmed_at=None).delete()
    token = secrets.token_urlsafe(32)
    change = EmailChange.objects.create(
        user=account, new_email=new_email, token_hash=_token_hash(token)
    )
    _event(
        user=account,
        kind=AccountEventKind.EMAIL_CHANGE_REQUESTED,
        detail=email_mask(new_email),
        actor=actor,
    )
    link = absolute_url(
        reverse(
            urlconf=settings.PUBLIC_SCHEMA_URLCONF, viewname="accounts:email_confirm", args=[token]
        )
    )
    _mail_on_commit(
        new_email,
        _("Konfirmasi perubahan e-mail Balai"),
        _(
            "Buka tautan ini (masuk dulu bila diminta) untuk memakai alamat e-mail ini di "
            "Balai:\n%(link)s\nTautan berlaku dua hari dan hanya sekali.\n"
        )
        % {"link": link},
    )
    _notice(
        account,
        _("Ada permintaan mengganti e-mail akun Balai Anda menjadi %(email)s")
        % {"email": email_mask(new_email)},
    )
    return change


def email_change_pending(*, account: Any, token: str, lock: bool = False) -> EmailChange:
    """The pending change a link stands for, if it is the user's own and still valid."""
    pending = EmailChange.objects.filter(
        token_hash=_token_hash(token),
        user=account,
        confirmed_at=None,
        created_at__gte=timezone.now() - dt.timedelta(seconds=EMAIL_CHANGE_MAX_AGE),
    )
    change = (pending.select_for_update() if lock else pending).first()
    if change is None:
        raise ValidationError(_("Tautan konfirmasi tidak sah atau kedaluwarsa."))
    return change


@transaction.atomic
def email_change_confirm(*, account: Any, token: str, actor: Actor | None = None) -> Any:
    """Apply a pending e-mail change (once). The old address is told."""
    change = email_change_pending(account=account, token=token, lock=True)
    User = get_user_model()
    account = User.objects.select_for_update().get(pk=account.pk)
    if User.objects.filter(username=change.new_email).exclude(pk=account.pk).exists():
        raise ValidationError(_("Alamat e-mail ini sudah dipakai pengguna lain."))
    old_email = account.email
    if account.username == account.email:
        account.username = change.new_email
    account.email = change.new_email
    account.save(update_fields=["email", "username"])
    EmailChange.objects.filter(pk=change.pk).update(confirmed_at=timezone.now())
    _event(
        user=account,
        kind=AccountEventKind.EMAIL_CHANGED,
        detail=email_mask(change.new_email),
        actor=actor,
    )
    _notice(
        account,
        _("E-mail akun Balai Anda diganti menjadi %(email)s")
        % {"email": email_mask(change.new_email)},
        address=old_email,
    )
    return account


# --- Password ---------------------------------------------------------------------------------


@transaction.atomic
def user_password_update(
    *, account: Any, password: str, by_link: bool, actor: Actor | None = None
) -> Any:
    """Set a user's password: changed from a verified session (``by_link=False``) or
    through an e-mailed reset or invitation link. Every session of the user that holds
    the old password's fingerprint ends (Django checks it on each request); the view
    keeps its own session with ``update_session_auth_hash`` after a change. Audited;
    the owner is e-mailed."""
    account.set_password(password)
    account.save(update_fields=["password"])
    _event(
        user=account,
        kind=AccountEventKind.PASSWORD_RESET if by_link else AccountEventKind.PASSWORD_CHANGED,
        actor=actor,
    )
    _notice(account, _("Kata sandi akun Balai Anda diganti"))
    return account

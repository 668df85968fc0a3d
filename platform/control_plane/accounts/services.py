"""Control-plane accounts: invitations, staff roles and access, second-factor devices,
e-mail and password changes.

Every change to a user's credentials, role, region or access is one transaction with
its ``AccountEvent`` row; the e-mails that tell the owner about it go out on commit. Who may call these (a
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
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai_kernel import second_factor
from balai_kernel.actor import Actor
from balai_kernel.links import absolute_url
from balai_kernel.mail import mail_on_commit
from balai_kernel.sessions import sessions_end
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
LEVEL_NAMES = {
    2: gettext_lazy("provinsi"),
    4: gettext_lazy("kabupaten/kota"),
    6: gettext_lazy("kecamatan"),
}


def _region_code_of_level(*, role: str, region_code: str) -> str:
    """``region_code`` without dots, refused unless it has the digits of ``role``'s level
    (``REGION_ROLES``); ``""`` for a role bound to no region."""
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
    return code


def _invite_region_check(*, role: str, region_code: str, invited_by: Any) -> str:
    """The region ``role`` is bound to, checked: of the role's level (``REGION_ROLES``),
    in the Kemendagri list when one is loaded, within the inviter's own scope. ``""``
    for a role bound to none."""
    from control_plane.accounts.permissions import region_in_scope
    from control_plane.reference.selectors import region_code_check

    code = _region_code_of_level(role=role, region_code=region_code)
    if not code:
        return ""
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


# --- Staff roles, regions and access -------------------------------------------------------
#
# **Operations can not lock themselves out.** A change that could leave no active
# operations account (demoting or deactivating one) is refused for the last one. Every
# change below first locks the operations profiles (``SELECT … FOR UPDATE``, by pk), then
# the staff member's profile and user: two operators demoting each other at the same
# moment queue on the first lock, and the second sees the first's change. Nobody changes
# their own role or deactivates themselves here (another manager must).


def _staff_lock(*, account_id: int, changed_by: Any) -> Any:
    """The staff member ``changed_by`` manages, locked (after the operations profiles,
    see above). ``PermissionDenied`` for anyone else: the views answer 404 before."""
    from control_plane.accounts.permissions import staff_manageable

    list(
        StaffProfile.objects.select_for_update()
        .filter(role=StaffRole.OPS)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    profile = StaffProfile.objects.select_for_update().filter(user_id=account_id).first()
    account = get_user_model().objects.select_for_update().filter(pk=account_id).first()
    if profile is None or account is None:
        raise PermissionDenied
    account.staff_profile = profile
    if not staff_manageable(changed_by, account):
        raise PermissionDenied
    if account.pk == changed_by.pk:
        raise ValidationError(_("Anda tidak dapat mengubah peran atau status akun Anda sendiri."))
    return account


def _last_ops_guard(account: Any) -> None:
    """Refuse to demote or deactivate the last active operations account (its profile
    and every other operations profile are locked by ``_staff_lock``)."""
    if account.staff_profile.role != StaffRole.OPS or not account.is_active:
        return
    others = StaffProfile.objects.filter(role=StaffRole.OPS, user__is_active=True).exclude(
        user=account
    )
    if not others.exists():
        raise ValidationError(
            _(
                "Ini akun operasional aktif terakhir: tidak dapat dinonaktifkan atau "
                "diturunkan perannya."
            )
        )


def _staff_region_check(*, role: str, region_code: str, changed_by: Any) -> str:
    """The region ``role`` is bound to, checked: of the role's level, in the active
    Kemendagri list (a new binding must name a region that exists today) and within
    ``changed_by``'s scope. ``""`` for a role bound to none."""
    from control_plane.accounts.permissions import region_in_scope
    from control_plane.reference.selectors import region_name_list

    code = _region_code_of_level(role=role, region_code=region_code)
    if not code:
        return ""
    if code not in region_name_list([code]):
        raise ValidationError(
            {
                "region_code": _("Kode %(level)s ini tidak ada di daftar wilayah Kemendagri.")
                % {"level": LEVEL_NAMES[len(code)]}
            }
        )
    if not region_in_scope(changed_by, code):
        raise ValidationError({"region_code": _("Wilayah ini di luar wilayah Anda.")})
    return code


def _contracts_follow(*, account: Any, old: tuple[str, str], new: tuple[str, str]) -> int:
    """Keep contract membership in step with the role (``Contract.managers`` widens a
    contract manager's scope, and they receive the contract's invoice reminders): a user
    who stops managing a kabupaten leaves its contracts (every contract, when they stop
    being a contract manager); a contract manager of a new kabupaten joins its contracts.
    Returns how many memberships changed."""
    from control_plane.contracts.models import Contract

    (old_role, old_code), (new_role, new_code) = old, new
    manager = StaffRole.CONTRACT_MANAGER
    changed = 0
    if old_role == manager and (new_role != manager or new_code != old_code):
        leaving = account.managed_contracts.all()
        if new_role == manager:
            leaving = leaving.filter(kabupaten_code=old_code)
        left = list(leaving)
        account.managed_contracts.remove(*left)
        changed += len(left)
    if new_role == manager and (old_role != manager or new_code != old_code):
        joining = list(Contract.objects.filter(kabupaten_code=new_code).exclude(managers=account))
        account.managed_contracts.add(*joining)
        changed += len(joining)
    return changed


@transaction.atomic
def staff_role_update(
    *,
    account_id: int,
    role: str,
    region_code: str = "",
    actor: Actor,
) -> Any:
    """Give a staff member another role and/or region (``actor.user`` changes it). Operations staff change any staff
    member's role and region; a contract manager only moves a camat of its kabupaten to
    another kecamatan of the same kabupaten (``permissions.MANAGEABLE_ROLES``). The region
    must exist in the active Kemendagri list at the role's level. Nobody changes their
    own; the last active operations account keeps its role. Contract membership follows
    (``_contracts_follow``). Audited (``ROLE_CHANGED``, old and new role and region); a
    change to nothing writes nothing."""
    from control_plane.accounts.permissions import manageable_roles

    changed_by = actor.user
    account = _staff_lock(account_id=account_id, changed_by=changed_by)
    profile = account.staff_profile
    if role not in manageable_roles(changed_by):
        raise ValidationError({"role": _("Anda tidak dapat memberikan peran ini.")})
    code = _staff_region_check(role=role, region_code=region_code, changed_by=changed_by)
    old = (profile.role, profile.scope_code)
    if old == (role, code):
        return account
    if getattr(changed_by, "staff_profile", None) is None or (
        changed_by.staff_profile.role != StaffRole.OPS
        and (role != profile.role or code[:4] != profile.scope_code[:4])
    ):
        raise ValidationError(
            _("Anda hanya dapat memindahkan camat ke kecamatan lain di kabupaten yang sama.")
        )
    if role != StaffRole.OPS:
        _last_ops_guard(account)
    manager = role == StaffRole.CONTRACT_MANAGER
    profile.role = role
    profile.kabupaten_code = code if manager else ""
    profile.region_code = "" if manager else code
    profile.full_clean()
    profile.save(update_fields=["role", "kabupaten_code", "region_code"])
    contracts = _contracts_follow(account=account, old=old, new=(role, code))
    detail = f"{old[0]} {old[1]}".strip() + " → " + f"{role} {code}".strip()
    if contracts:
        detail += f" (kontrak: {contracts})"
    _event(
        user=account,
        kind=AccountEventKind.ROLE_CHANGED,
        detail=detail,
        actor=actor,
    )
    return account


@transaction.atomic
def staff_suspend(*, account_id: int, actor: Actor) -> Any:
    """Deactivate a staff member ``actor.user`` manages: they can not sign in, and every
    open session of theirs ends at once (in this transaction). Nothing is deleted (what
    they did keeps its author; contract membership stays for a reactivation). Not oneself,
    not the last active operations account. Audited with the number of sessions ended;
    an inactive account is left as it is."""
    account = _staff_lock(account_id=account_id, changed_by=actor.user)
    if not account.is_active:
        return account
    _last_ops_guard(account)
    account.is_active = False
    account.save(update_fields=["is_active"])
    ended = sessions_end(user_id=account.pk)
    _event(
        user=account,
        kind=AccountEventKind.DEACTIVATED,
        detail=f"{ended} sesi diakhiri",
        actor=actor,
    )
    return account


@transaction.atomic
def staff_resume(*, account_id: int, actor: Actor) -> Any:
    """Let a deactivated staff member ``actor.user`` manages sign in again (with their
    password and second factor, as before). Audited; an active account is left as it is."""
    account = _staff_lock(account_id=account_id, changed_by=actor.user)
    if account.is_active:
        return account
    account.is_active = True
    account.save(update_fields=["is_active"])
    _event(
        user=account,
        kind=AccountEventKind.REACTIVATED,
        actor=actor,
    )
    return account


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

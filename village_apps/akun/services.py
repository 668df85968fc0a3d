"""Writes of the akun app: village staff accounts, roles, second-factor devices and the
sign-in history. Every public service is one transaction and runs in the current
village schema; every change to staff or roles is audited in that transaction
(``signals.village_staff_changed``, recorded by the audit app).

**The village can not lock itself out.** Any change that could leave no active admin
(demoting or deactivating an admin) first locks the admin role's row
(``SELECT … FOR UPDATE``), then counts the other active admins: two admins demoting
each other at the same moment queue on that row, and the second sees the first's
change. The admin role's own grants can not be edited (it holds every right) and only
admins manage staff and roles (``roles.ADMIN_ONLY_MODULES``).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from balai_kernel import second_factor
from balai_kernel.abuse import ACCOUNT, Lockout, account_name
from balai_kernel.actor import Actor
from balai_kernel.links import absolute_url
from balai_kernel.mail import mail_on_commit
from balai_kernel.net import client_address
from balai_kernel.sessions import sessions_end
from village_apps.akun.choices import Action, HasilMasuk, VillageRole
from village_apps.akun.models import Membership, Peran, RiwayatMasuk
from village_apps.akun.permissions import staff_grants_forget
from village_apps.akun.roles import ADMIN_ONLY_MODULES, LEGACY_ROLES, PERSONAL_MODULES
from village_apps.akun.signals import (
    village_login_locked_out,
    village_staff_changed,
    village_user_password_set,
)

# Grants a masked role (no full NIK/KK) may not hold in a module with personal data.
_NEEDS_NIK = (Action.CHANGE, Action.DELETE, Action.EXPORT)
RESERVED_SLUGS = frozenset({"baru"})  # /kelola/akun/peran/baru/ is the new-role page
ONE_TIME_PASSWORD_BYTES = 9  # 12 URL-safe characters, shown once


def _changed(
    *, object_type: str, object_id: Any, action: str, summary: str, actor: Actor | None
) -> None:
    village_staff_changed.send(
        sender=_changed,
        object_type=object_type,
        object_id=object_id,
        action=action,
        summary=summary,
        actor=actor,
    )


def _role(slug: str) -> Peran:
    found = Peran.objects.filter(slug=LEGACY_ROLES.get(slug, slug)).first()
    if found is None:
        raise ValidationError({"role": _("Peran tidak dikenal.")})
    return found


# --- Accounts -----------------------------------------------------------------------------


@transaction.atomic
def village_user_create(
    *,
    username: str,
    role: str = VillageRole.OPERATOR,
    email: str = "",
    password: str | None = None,
    jabatan: str = "",
    nama: str = "",
    ganti_sandi: bool = False,
    actor: Actor | None = None,
) -> Any:
    """Create a village user with a role. Without a password the account waits for its
    set-password link; ``ganti_sandi``: the password was shown to the admin once and
    the user must choose their own at first sign-in. Audited. Runs in the current
    village schema."""
    User = get_user_model()
    username = account_name(username)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Nama pengguna ini sudah dipakai.")})
    peran = _role(role)
    first, _sep, last = (nama or "").strip().partition(" ")
    user = User(
        username=username,
        email=(email or "").strip().lower(),
        first_name=first[:150],
        last_name=last[:150],
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    Membership.objects.create(
        user=user, role=peran, jabatan=jabatan.strip()[:100], ganti_sandi=ganti_sandi
    )
    _changed(
        object_type="akun",
        object_id=user.pk,
        action="create",
        summary=f"akun dibuat, peran {peran.slug}",
        actor=actor,
    )
    return user


def village_user_password_link_get(*, account: Any) -> str:
    """The one-time set-password URL of a village user (valid for
    ``PASSWORD_RESET_TIMEOUT``, and once: it stops working when the password changes
    or the user signs in). Made inside the village schema (uid and token are only valid
    there), on the village's canonical host."""
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    # The village URLconf, also when called from a control-plane request.
    path = reverse(
        "akun:set_password", urlconf=settings.ROOT_URLCONF, kwargs={"uidb64": uid, "token": token}
    )
    return absolute_url(path, village=connection.tenant)


def _mail_link(account: Any, *, subject: str, intro: str) -> None:
    if not account.email:
        raise ValidationError({"email": _("Akun ini tidak punya alamat e-mail.")})
    village = connection.tenant
    mail_on_commit(
        to=account.email,
        subject=subject,
        body=_(
            "%(intro)s\n\nNama pengguna: %(username)s\nAtur kata sandi Anda (tautan berlaku "
            "%(days)s hari dan hanya sekali): %(link)s\n\nMasuk di %(login)s\n"
        )
        % {
            "intro": intro,
            "username": account.get_username(),
            "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            "link": village_user_password_link_get(account=account),
            "login": absolute_url(
                reverse("akun:login", urlconf=settings.ROOT_URLCONF), village=village
            ),
        },
    )


@transaction.atomic
def village_user_invite(
    *, username: str, email: str, role: str, jabatan: str = "", nama: str = "", actor: Actor
) -> Any:
    """Create an account without a password and e-mail its owner a set-password link
    (on commit). Audited."""
    if not (email or "").strip():
        raise ValidationError({"email": _("Isi alamat e-mail untuk mengirim undangan.")})
    account = village_user_create(
        username=username, role=role, email=email, jabatan=jabatan, nama=nama, actor=actor
    )
    village = connection.tenant
    _mail_link(
        account,
        subject=_("Undangan sebagai staf %(desa)s di Balai") % {"desa": village.name},
        intro=_("Anda diundang sebagai %(peran)s di sistem informasi %(desa)s.")
        % {"peran": account.membership.role.nama, "desa": village.name},
    )
    return account


@transaction.atomic
def village_user_add(
    *, username: str, role: str, jabatan: str = "", nama: str = "", email: str = "", actor: Actor
) -> tuple[Any, str]:
    """Create an account with a one-time password, returned once for the admin to hand
    over (never stored in clear, never logged); the user must choose their own password
    at first sign-in. Audited."""
    password = secrets.token_urlsafe(ONE_TIME_PASSWORD_BYTES)
    account = village_user_create(
        username=username,
        role=role,
        email=email,
        jabatan=jabatan,
        nama=nama,
        password=password,
        ganti_sandi=True,
        actor=actor,
    )
    return account, password


def _membership_lock(account_id: int) -> Membership:
    """The account's membership, locked — after the admin role's row, always in that
    order (see the module docstring), so two staff changes never deadlock."""
    Peran.objects.select_for_update().filter(slug=VillageRole.ADMIN).first()
    return Membership.objects.select_for_update().select_related("user").get(user_id=account_id)


def _last_admin_guard(membership: Membership) -> None:
    """Refuse when ``membership`` is the village's last active admin (the caller holds
    the admin role's lock: ``_membership_lock``)."""
    if membership.role_id != VillageRole.ADMIN or not membership.user.is_active:
        return
    others = Membership.objects.filter(role_id=VillageRole.ADMIN, user__is_active=True).exclude(
        pk=membership.pk
    )
    if not others.exists():
        raise ValidationError(
            _(
                "Ini admin aktif terakhir desa: angkat admin lain dulu, supaya desa tidak "
                "terkunci dari pengelolaan staf."
            )
        )


@transaction.atomic
def village_user_role_update(
    *, account_id: int, role: str, jabatan: str | None = None, actor: Actor
) -> Membership:
    """Change a user's role (and office). The last active admin keeps the admin role.
    Audited (old and new role)."""
    peran = _role(role)
    membership = _membership_lock(account_id)
    old = membership.role_id
    if old == VillageRole.ADMIN and peran.slug != VillageRole.ADMIN:
        _last_admin_guard(membership)
    membership.role = peran
    fields = ["role"]
    if jabatan is not None:
        membership.jabatan = jabatan.strip()[:100]
        fields.append("jabatan")
    membership.save(update_fields=fields)
    staff_grants_forget(membership.user)
    _changed(
        object_type="akun",
        object_id=account_id,
        action="update",
        summary=f"peran {old} → {peran.slug}" + (", jabatan diubah" if jabatan is not None else ""),
        actor=actor,
    )
    return membership


@transaction.atomic
def village_user_suspend(*, account_id: int, actor: Actor) -> Any:
    """Deactivate an account: it can not sign in, and its open sessions end at once.
    Everything it made keeps its author (accounts are never deleted). The last active
    admin can not be deactivated. Audited."""
    membership = _membership_lock(account_id)
    _last_admin_guard(membership)
    account = membership.user
    if not account.is_active:
        return account
    account.is_active = False
    account.save(update_fields=["is_active"])
    ended = sessions_end(user_id=account.pk)
    _changed(
        object_type="akun",
        object_id=account.pk,
        action="update",
        summary=f"akun dinonaktifkan, {ended} sesi diakhiri",
        actor=actor,
    )
    return account


@transaction.atomic
def village_user_resume(*, account_id: int, actor: Actor) -> Any:
    """Reactivate an account (it signs in with its password again). Audited."""
    account = _membership_lock(account_id).user
    if account.is_active:
        return account
    account.is_active = True
    account.save(update_fields=["is_active"])
    _changed(
        object_type="akun",
        object_id=account.pk,
        action="update",
        summary="akun diaktifkan kembali",
        actor=actor,
    )
    return account


@transaction.atomic
def village_user_password_request(*, account_id: int, actor: Actor) -> Any:
    """E-mail a colleague a link to set a new password (the admin never sees one). The
    old password keeps working until the link is used. Audited."""
    account = _membership_lock(account_id).user
    if not account.is_active:
        raise ValidationError(_("Akun ini nonaktif; aktifkan dulu."))
    _mail_link(
        account,
        subject=_("Atur ulang kata sandi Balai %(desa)s") % {"desa": connection.tenant.name},
        intro=_("Admin desa meminta Anda mengatur kata sandi baru."),
    )
    _changed(
        object_type="akun",
        object_id=account.pk,
        action="update",
        summary="tautan atur ulang kata sandi dikirim",
        actor=actor,
    )
    return account


@transaction.atomic
def village_user_password_update(
    *, account: Any, password: str, actor: Actor, by_link: bool = True
) -> Any:
    """Set a village user's password: through the e-mailed set-password link
    (``by_link``) or by the user from their signed-in session. Every session of the user
    made with the old password ends: Django keeps a fingerprint of the password hash in
    each session and checks it on every request (the view keeps its own after a
    change). Clears the must-change flag. Audited (no secret in the row)."""
    account.set_password(password)
    account.save(update_fields=["password"])
    Membership.objects.filter(user=account).update(ganti_sandi=False)
    staff_grants_forget(account)
    village_user_password_set.send(
        sender=village_user_password_update,
        user=account,
        actor=actor,
        summary="kata sandi diatur melalui tautan" if by_link else "kata sandi diganti sendiri",
    )
    return account


# --- Roles --------------------------------------------------------------------------------


def _role_slug(nama: str) -> str:
    base = (slugify(nama) or "peran")[:16].strip("-") or "peran"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Peran.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _grants_check(hak: set[str], lihat_nik: bool) -> list[str]:
    hak = {h for h in hak if h.split(".", 1)[0] not in ADMIN_ONLY_MODULES}
    if not lihat_nik:
        masked = sorted(
            h
            for h in hak
            if h.split(".", 1)[0] in PERSONAL_MODULES and h.split(".", 1)[1] in _NEEDS_NIK
        )
        if masked:
            raise ValidationError(
                {
                    "lihat_nik": _(
                        "Hak ubah, hapus atau ekspor pada modul berisi data pribadi "
                        "(%(hak)s) memerlukan hak melihat NIK/KK lengkap."
                    )
                    % {"hak": ", ".join(masked)}
                }
            )
    return sorted(hak)


@transaction.atomic
def peran_save(
    *,
    slug: str | None,
    nama: str,
    hak: set[str],
    lihat_nik: bool,
    wajib_otp: bool,
    actor: Actor,
) -> Peran:
    """Create (``slug`` None) or update a role's name, grants and flags. The admin role
    keeps every right (only its second-factor flag changes); a role without full NIK/KK
    holds no change, delete or export grant in a module with personal data. Audited."""
    nama = (nama or "").strip()[:100]
    if not nama:
        raise ValidationError({"nama": _("Isi nama peran.")})
    if slug is None:
        peran = Peran(slug=_role_slug(nama), bawaan=False)
        created = True
    else:
        peran = Peran.objects.select_for_update().get(slug=slug)
        created = False
    peran.nama = nama
    peran.wajib_otp = wajib_otp
    if peran.slug != VillageRole.ADMIN:
        peran.hak = _grants_check(set(hak), lihat_nik)
        peran.lihat_nik = lihat_nik
    peran.full_clean()
    peran.save()
    _changed(
        object_type="peran",
        object_id=peran.slug,
        action="create" if created else "update",
        summary=f"{len(peran.hak)} hak, NIK {'lengkap' if peran.lihat_nik else 'tersamar'}, "
        f"verifikasi dua langkah {'wajib' if peran.wajib_otp else 'pilihan'}",
        actor=actor,
    )
    return peran


@transaction.atomic
def peran_delete(*, slug: str, actor: Actor) -> None:
    """Delete a role the village made, when nobody holds it. Audited."""
    peran = Peran.objects.select_for_update().get(slug=slug)
    if peran.bawaan:
        raise ValidationError(_("Peran bawaan tidak dapat dihapus."))
    if Membership.objects.filter(role=peran).exists():
        raise ValidationError(_("Peran ini masih dipegang staf; ubah peran mereka dulu."))
    peran.delete()
    _changed(
        object_type="peran", object_id=slug, action="delete", summary="peran dihapus", actor=actor
    )


# --- Second factor ------------------------------------------------------------------------


@transaction.atomic
def totp_device_confirm(
    *, account: Any, token: str, session_verified: bool, name: str = "", actor: Actor
) -> Any:
    """Confirm the account's pending TOTP device (``balai_kernel.second_factor``'s
    rules; ``None`` for a wrong code). Audited."""
    device = second_factor.totp_device_confirm(
        account=account, token=token, session_verified=session_verified, name=name
    )
    if device is not None:
        staff_grants_forget(account)
        _changed(
            object_type="akun",
            object_id=account.pk,
            action="update",
            summary="perangkat verifikasi dua langkah ditambahkan",
            actor=actor,
        )
    return device


@transaction.atomic
def totp_device_remove(*, account: Any, device_id: int, actor: Actor) -> None:
    """Remove one of the account's devices; a role that requires a second factor keeps
    one. Sessions verified with it lose that at once. Audited."""
    from village_apps.akun.permissions import staff_grants

    second_factor.totp_device_remove(
        account=account, device_id=device_id, keep_one=staff_grants(account).wajib_otp
    )
    staff_grants_forget(account)
    _changed(
        object_type="akun",
        object_id=account.pk,
        action="update",
        summary="perangkat verifikasi dua langkah dihapus",
        actor=actor,
    )


# --- Sign-ins -----------------------------------------------------------------------------


def riwayat_masuk_record(*, account_id: int, hasil: str, alamat: str = "") -> RiwayatMasuk:
    """One sign-in attempt of an account of this village (no name, no password)."""
    return RiwayatMasuk.objects.create(user_id=account_id, hasil=hasil, alamat=alamat or None)


def _account_id(username: str) -> int | None:
    return (
        get_user_model()
        .objects.filter(username=account_name(username))
        .values_list("pk", flat=True)
        .first()
    )


def _in_village(request: HttpRequest | None) -> bool:
    return request is not None and getattr(request, "tenant", None) is not None


@receiver(user_logged_in)
def riwayat_login_succeeded(
    sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any
) -> None:
    if _in_village(request):
        riwayat_masuk_record(
            account_id=user.pk, hasil=HasilMasuk.BERHASIL, alamat=client_address(request)
        )


@receiver(user_login_failed)
def riwayat_login_failed(
    sender: Any, credentials: dict | None = None, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if not _in_village(request):
        return
    account_id = _account_id((credentials or {}).get("username", ""))
    if account_id is not None:
        riwayat_masuk_record(
            account_id=account_id, hasil=HasilMasuk.GAGAL, alamat=client_address(request)
        )


def login_lockout_record(*, lockout: Lockout, username: str, actor: Actor) -> None:
    """Announce a lockout of the operator login (audited by the audit app) (runs in the
    village's schema). The row carries the account's id when the name tried (in any
    spelling the login form resolves to it) is an account here, never the name."""
    account_id: Any = ""
    if ACCOUNT in lockout.kinds:
        account_id = _account_id(username) or ""
    if account_id:
        riwayat_masuk_record(account_id=account_id, hasil=HasilMasuk.TERKUNCI, alamat=actor.address)
    village_login_locked_out.send(
        sender=login_lockout_record, lockout=lockout, account_id=account_id, actor=actor
    )


def second_factor_failure_record(*, account: Any, actor: Actor) -> None:
    """A wrong second-factor code, in the account's sign-in history."""
    riwayat_masuk_record(account_id=account.pk, hasil=HasilMasuk.KODE_SALAH, alamat=actor.address)

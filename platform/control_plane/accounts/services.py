"""Control-plane accounts: invitations, second factor enrolment, e-mail change."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from control_plane.accounts.models import StaffProfile, StaffRole
from tenants.links import absolute_url

EMAIL_CHANGE_SALT = "balai.accounts.email-change"
EMAIL_CHANGE_MAX_AGE = 2 * 24 * 3600


def _url(path: str) -> str:
    return absolute_url(path)


def set_password_url(user: Any) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return _url(
        reverse(
            urlconf=settings.PUBLIC_SCHEMA_URLCONF,
            viewname="accounts:password_reset_confirm",
            args=[uid, token],
        )
    )


@transaction.atomic
def staff_invite(
    *, email: str, role: str, kabupaten_code: str = "", invited_by: Any, name: str = ""
) -> Any:
    """Create a control-plane user without a password and e-mail a set-password link.
    Contract managers may only invite their own kabupaten's managers."""
    from control_plane.accounts.permissions import managed_kabupaten_codes

    User = get_user_model()
    email = email.strip().lower()
    if role not in StaffRole.values:
        raise ValidationError({"role": _("Peran tidak dikenal.")})
    codes = managed_kabupaten_codes(invited_by)
    if codes is not None and (role != StaffRole.CONTRACT_MANAGER or kabupaten_code not in codes):
        raise ValidationError(_("Anda hanya dapat mengundang pengelola kabupaten Anda sendiri."))
    if role == StaffRole.CONTRACT_MANAGER and not kabupaten_code:
        raise ValidationError({"kabupaten_code": _("Pilih kabupaten/kota.")})
    if User.objects.filter(username=email).exists():
        raise ValidationError({"email": _("Pengguna dengan e-mail ini sudah ada.")})
    user = User(username=email, email=email, first_name=name[:150])
    user.set_unusable_password()
    user.save()
    StaffProfile.objects.create(user=user, role=role, kabupaten_code=kabupaten_code)
    link = set_password_url(user)
    transaction.on_commit(
        lambda: send_mail(
            _("Undangan ke panel Balai"),
            _("Anda diundang sebagai %(role)s di Balai.\nAtur kata sandi Anda: %(link)s\n")
            % {"role": StaffRole(role).label, "link": link},
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
    )
    return user


def totp_device_start(*, user: Any) -> TOTPDevice:
    """An unconfirmed TOTP device for enrolment (replaces an earlier unconfirmed one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: Any, token: str) -> TOTPDevice | None:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def email_change_request(*, user: Any, new_email: str) -> None:
    """E-mail a signed confirmation link to the new address; nothing changes until it is opened."""
    new_email = new_email.strip().lower()
    token = signing.dumps({"u": user.pk, "e": new_email}, salt=EMAIL_CHANGE_SALT)
    link = _url(
        reverse(
            urlconf=settings.PUBLIC_SCHEMA_URLCONF, viewname="accounts:email_confirm", args=[token]
        )
    )
    send_mail(
        _("Konfirmasi perubahan e-mail Balai"),
        _("Buka tautan ini untuk memakai alamat e-mail ini di Balai:\n%(link)s\n") % {"link": link},
        settings.DEFAULT_FROM_EMAIL,
        [new_email],
    )


@transaction.atomic
def email_change_confirm(*, token: str) -> Any:
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature as exc:
        raise ValidationError(_("Tautan konfirmasi tidak sah atau kedaluwarsa.")) from exc
    User = get_user_model()
    user = User.objects.select_for_update().get(pk=data["u"])
    if User.objects.filter(username=data["e"]).exclude(pk=user.pk).exists():
        raise ValidationError(_("Alamat e-mail ini sudah dipakai pengguna lain."))
    if user.username == user.email:
        user.username = data["e"]
    user.email = data["e"]
    user.save(update_fields=["email", "username"])
    return user

"""TOTP second factor (django-otp) for whichever schema the request runs in.

Control-plane staff keep their devices in the public schema, village staff in their
village's own (django-otp sits in SHARED_APPS *and* TENANT_APPS, so a village user's id
never names a device of someone else). The rules of a device's life are the same on
both sides and live here; each side wraps them with its own audit row and notices
(``control_plane.accounts.services``, ``village_apps.akun.services``).

- A first device may be added from the password step only while the account has no
  confirmed device; any further device only from a session that passed the second
  factor. Checked under a lock on the user row (two half-logged-in sessions can not both
  add a "first" device).
- Removing a device may be refused when the account must keep one (its role needs a
  second factor). Sessions verified with a removed device lose the verification at once:
  django-otp looks the device up on every request.
- Every form that changes a credential asks for the current password again (except the
  first enrolment right after the password step), so a session cookie alone changes
  nothing.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

DEFAULT_DEVICE_NAME = "Aplikasi autentikator"


# --- Forms ------------------------------------------------------------------------------------


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kode 6 digit dari aplikasi autentikator"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class CurrentPasswordForm(forms.Form):
    """Asks for the current password again before a credential changes, so a session
    cookie alone (stolen, or a computer left logged in) can not change credentials."""

    password = forms.CharField(label=_("Kata sandi saat ini"), widget=forms.PasswordInput)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("Kata sandi salah."))
        return self.cleaned_data["password"]


class DeviceEnrolForm(CurrentPasswordForm):
    """The code of the new device, an optional name, and (except right after the
    password step of a first enrolment) the current password."""

    token = TokenForm.base_fields["token"]
    name = forms.CharField(
        label=_("Nama perangkat (mis. Ponsel kerja)"), max_length=64, required=False
    )
    field_order = ["token", "name", "password"]

    def __init__(self, *args: Any, ask_password: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not ask_password:
            del self.fields["password"]


class DeviceRemoveForm(CurrentPasswordForm):
    pass


# --- Devices ----------------------------------------------------------------------------------


def totp_device_start(*, account: Any) -> Any:
    """An unconfirmed TOTP device for enrolment (replaces an earlier unconfirmed one).
    It verifies nothing until :func:`totp_device_confirm` confirms it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=account, confirmed=False).delete()
    return TOTPDevice.objects.create(user=account, name=DEFAULT_DEVICE_NAME, confirmed=False)


def totp_device_confirm(*, account: Any, token: str, session_verified: bool, name: str = "") -> Any:
    """Confirm the pending device with one of its codes (``None``: wrong code). Call
    inside the caller's transaction (it locks the user row). ``PermissionDenied`` when
    the account already has a confirmed device and the session has not passed it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    get_user_model().objects.select_for_update().filter(pk=account.pk).first()
    if not session_verified and TOTPDevice.objects.filter(user=account, confirmed=True).exists():
        raise PermissionDenied
    device = TOTPDevice.objects.filter(user=account, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return None
    device.confirmed = True
    device.name = (name or "").strip()[:64] or DEFAULT_DEVICE_NAME
    device.save(update_fields=["confirmed", "name"])
    return device


def totp_device_remove(*, account: Any, device_id: int, keep_one: bool) -> str:
    """Remove one of the account's confirmed devices and return its name. ``keep_one``:
    the account must keep a device (its role needs a second factor), so the last one
    stays. Call inside the caller's transaction (it locks the user row)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    get_user_model().objects.select_for_update().filter(pk=account.pk).first()
    devices = TOTPDevice.objects.filter(user=account, confirmed=True)
    device = devices.filter(pk=device_id).first()
    if device is None:
        raise ValidationError(_("Perangkat tidak ditemukan."))
    if keep_one and devices.count() == 1:
        raise ValidationError(
            _(
                "Peran Anda mewajibkan verifikasi dua langkah: tambahkan perangkat lain "
                "sebelum menghapus yang terakhir."
            )
        )
    name = device.name
    device.delete()
    return name


def totp_code_verify(request: HttpRequest, token: str) -> Any:
    """The confirmed device of ``request.user`` that accepts ``token``, after marking the
    session verified with it under a fresh session id; ``None`` for a wrong code."""
    from django_otp import devices_for_user

    for device in devices_for_user(request.user):
        if device.verify_token(token):
            totp_session_verify(request, device)
            return device
    return None


def totp_session_verify(request: HttpRequest, device: Any) -> None:
    """The session now passed the second factor: a fresh session id for it."""
    from django_otp import login as otp_login

    request.session.cycle_key()
    otp_login(request, device)


TOO_MANY = _("Terlalu banyak percobaan. Coba lagi sebentar lagi.")


def totp_code_step(request: HttpRequest) -> tuple[bool, TokenForm]:
    """The code step of a sign-in (view rate-limited with django-ratelimit,
    ``block=False``): ``(True, form)`` once the session passed a code of one of the
    user's devices, else ``(False, form)`` with its errors."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and getattr(request, "limited", False):
        form.add_error(None, TOO_MANY)
    elif request.method == "POST" and form.is_valid():
        if totp_code_verify(request, form.cleaned_data["token"]) is not None:
            return True, form
        form.add_error("token", _("Kode salah atau kedaluwarsa."))
    return False, form


def totp_enrol_step(
    request: HttpRequest, *, required: bool, confirm: Callable[..., Any]
) -> tuple[Any, dict[str, Any]]:
    """The enrolment page (view rate-limited with ``block=False``): ``(device, {})``
    once a pending device is confirmed with one of its codes (the session is then
    verified with it), else ``(None, context)`` for the page: the form, the pending
    device's secret and QR, ``required``. ``confirm(token=, name=, session_verified=)``
    is the caller's audited service. Right after the password step of a required
    first enrolment (``required``) the password is not asked again."""
    verified = request.user.is_verified()
    form = DeviceEnrolForm(request.POST or None, user=request.user, ask_password=not required)
    if request.method == "POST" and getattr(request, "limited", False):
        form.add_error(None, TOO_MANY)
    elif request.method == "POST" and form.is_valid():
        device = confirm(
            token=form.cleaned_data["token"],
            name=form.cleaned_data["name"],
            session_verified=verified,
        )
        if device is not None:
            if not verified:
                totp_session_verify(request, device)
            return device, {}
        form.add_error("token", _("Kode salah. Periksa jam ponsel Anda lalu coba lagi."))
    device = (
        request.user.totpdevice_set.filter(confirmed=False).first()
        if request.method == "POST"
        else None
    ) or totp_device_start(account=request.user)
    return None, {"form": form, **totp_enrolment_show(device), "required": required}


def totp_enrolment_show(device: Any) -> dict[str, str]:
    """What the enrolment page shows of a pending device: its secret as text and as a QR."""
    import segno

    return {
        "secret": base64.b32encode(device.bin_key).decode(),
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
    }

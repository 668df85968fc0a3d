"""Control-plane login with TOTP second factor, enrolment, invitations, password reset
and e-mail change. Thin views: rules live in services and permissions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_ratelimit.decorators import ratelimit

from balai_site.abuse import LoginLimitMixin
from control_plane.accounts import services
from control_plane.accounts.forms import EmailChangeForm, StaffInviteForm, TokenForm
from control_plane.accounts.permissions import manager_or_ops_required, second_factor_missing

CONTROL_HOME = "/daftar/persetujuan/"


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    return target if target.startswith("/") and not target.startswith("//") else CONTROL_HOME


class LoginView(LoginLimitMixin, auth_views.LoginView):
    """Password first; ops staff and contract managers then verify (or enrol) TOTP.
    Failed passwords count per account and per address (``ABUSE_LIMITS["control_login"]``);
    a lockout refuses even the right password until it ends."""

    template_name = "accounts/login.html"
    abuse_endpoint = "control_login"

    def form_valid(self, form):  # noqa: ANN001, ANN201
        super().form_valid(form)
        if second_factor_missing(self.request):
            target = (
                "accounts:otp" if any(devices_for_user(form.get_user())) else "accounts:otp_enrol"
            )
            response = redirect(target)
            response["Location"] += f"?next={_next(self.request)}"
            return response
        return redirect(_next(self.request))


class LogoutView(auth_views.LogoutView):
    next_page = "/"


@login_required
@ratelimit(key="user", rate="10/m", method="POST", block=False)
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Second factor: a TOTP code from one of the user's confirmed devices."""
    if not any(devices_for_user(request.user)):
        return redirect("accounts:otp_enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and getattr(request, "limited", False):
        form.add_error(None, _("Terlalu banyak percobaan. Coba lagi sebentar lagi."))
    elif request.method == "POST" and form.is_valid():
        for device in devices_for_user(request.user):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next(request))
        form.add_error("token", _("Kode salah atau kedaluwarsa."))
    return render(request, "accounts/otp.html", {"form": form, "next": _next(request)})


@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the secret (QR and text), confirm with one code."""
    import base64

    import segno

    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            device = services.totp_device_confirm(
                user=request.user, token=form.cleaned_data["token"]
            )
            if device is not None:
                otp_login(request, device)
                messages.success(request, _("Autentikasi dua langkah aktif."))
                return redirect(_next(request))
            form.add_error("token", _("Kode salah. Periksa jam ponsel Anda lalu coba lagi."))
        device = request.user.totpdevice_set.filter(
            confirmed=False
        ).first() or services.totp_device_start(user=request.user)
    else:
        if any(devices_for_user(request.user)) and second_factor_missing(request):
            return redirect("accounts:otp")  # a second device needs the first factor pair
        device = services.totp_device_start(user=request.user)
        form = TokenForm()
    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
    return render(
        request,
        "accounts/otp_enrol.html",
        {"form": form, "secret": secret, "qr": qr, "next": _next(request)},
    )


@manager_or_ops_required
def staff_invite(request: HttpRequest) -> HttpResponse:
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_invite(invited_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Undangan terkirim ke %(e)s.") % {"e": form.cleaned_data["email"]}
            )
            return redirect("accounts:invite")
    return render(
        request, "accounts/form.html", {"form": form, "title": _("Undang pengguna panel")}
    )


@login_required
def email_change(request: HttpRequest) -> HttpResponse:
    form = EmailChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.email_change_request(user=request.user, new_email=form.cleaned_data["email"])
        messages.info(request, _("Tautan konfirmasi dikirim ke alamat e-mail baru."))
        return redirect("accounts:email_change")
    return render(request, "accounts/form.html", {"form": form, "title": _("Ganti e-mail")})


def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.email_change_confirm(token=token)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Alamat e-mail sudah diganti."))
    return redirect("accounts:login")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"title": _("Lupa kata sandi")}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/message.html"
    extra_context = {"message": _("Jika e-mail terdaftar, tautan pengaturan ulang sudah dikirim.")}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Used by password resets and by invitations (first password)."""

    template_name = "accounts/form.html"
    success_url = reverse_lazy("accounts:login")
    extra_context = {"title": _("Atur kata sandi")}

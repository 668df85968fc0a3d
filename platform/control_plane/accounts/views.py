"""Control-plane login with TOTP second factor, enrolment, the account's security page
(devices, e-mail, password), invitations and password reset. Thin views: rules live in
services and permissions.

Every page that changes a credential is ``credential_change`` (a logged-in session that
passed the second factor wherever its user has or needs one) or, for the e-mailed reset
link, marked ``TOKEN``; ``SecondFactorMiddleware`` gates every other page the same way."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_ratelimit.decorators import ratelimit

from balai_kernel import second_factor
from balai_kernel.abuse import LoginLimitMixin
from balai_kernel.actor import actor_from_request
from balai_kernel.audience import PUBLIC, SIGN_IN, open_to
from balai_kernel.credentials import TOKEN, changes_credentials, password_change_step
from balai_kernel.pagination import page_get
from control_plane.accounts import selectors, services
from control_plane.accounts.forms import (
    DeviceRemoveForm,
    EmailChangeForm,
    StaffFilterForm,
    StaffInviteForm,
    StaffRoleChangeForm,
)
from control_plane.accounts.navigation import AKUN, menu_entry
from control_plane.accounts.permissions import (
    ENROL,
    VERIFY,
    credential_change,
    invitable_roles,
    manageable_roles,
    manager_or_ops_required,
    second_factor_step,
)
from control_plane.reference.selectors import region_label_list

# The root sends a signed-in user on to their role's home (control_plane.accounts.navigation).
CONTROL_HOME = "/"


def _next(request: HttpRequest) -> str:
    """A local path to continue to (never another host, ``//x`` or ``/\\x``)."""
    target = request.GET.get("next") or request.POST.get("next") or ""
    safe = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and not target.startswith(("//", "/\\")) else CONTROL_HOME


@open_to(PUBLIC)
class LoginView(LoginLimitMixin, auth_views.LoginView):
    """Password first; a user with a device (or whose role needs one) then verifies
    (or enrols) TOTP. Failed passwords count per account and per address
    (``ABUSE_LIMITS["control_login"]``); a lockout refuses even the right password."""

    template_name = "accounts/login.html"
    abuse_endpoint = "control_login"

    def form_valid(self, form):  # noqa: ANN001, ANN201
        super().form_valid(form)
        step = second_factor_step(self.request)
        if step is not None:
            response = redirect("accounts:otp" if step == VERIFY else "accounts:otp_enrol")
            response["Location"] += f"?next={_next(self.request)}"
            return response
        return redirect(_next(self.request))


@open_to(PUBLIC)
class LogoutView(auth_views.LogoutView):
    next_page = "/"


@open_to(SIGN_IN)
@login_required
@ratelimit(key="user", rate="10/m", method="POST", block=False)
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Second factor: a TOTP code from one of the user's confirmed devices."""
    if not any(devices_for_user(request.user)):
        return redirect("accounts:otp_enrol")
    passed, form = second_factor.totp_code_step(request)
    if passed:
        return redirect(_next(request))
    return render(request, "accounts/otp.html", {"form": form, "next": _next(request)})


@credential_change(first_device=True)
@ratelimit(key="user", rate="10/m", method="POST", block=False)
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the secret (QR and text), confirm with one code.
    A user without a device may enrol one (from the password step when their role needs
    it); a user with a device adds another only from a session that passed its code."""
    required = second_factor_step(request) == ENROL
    device, context = second_factor.totp_enrol_step(
        request,
        required=required,
        confirm=functools.partial(
            services.totp_device_confirm, account=request.user, actor=actor_from_request(request)
        ),
    )
    if device is not None:
        messages.success(request, _("Perangkat autentikator ditambahkan."))
        return redirect(_next(request) if required else "accounts:security")
    return render(request, "accounts/otp_enrol.html", {**context, "next": _next(request)})


@menu_entry(pgettext_lazy("menu", "Keamanan akun"), group=AKUN, order=10)
@credential_change
def security(request: HttpRequest) -> HttpResponse:
    """The owner's own devices (with revoke), links to change e-mail and password, and
    the latest changes to the account."""
    context = {
        "devices": selectors.device_list(user=request.user),
        "events": selectors.account_event_list(user=request.user)[:10],
    }
    return render(request, "accounts/security.html", context)


@credential_change
@require_POST
def device_remove(request: HttpRequest, pk: int) -> HttpResponse:
    form = DeviceRemoveForm(request.POST, user=request.user)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["password"])
        services.totp_device_remove(
            account=request.user, device_id=pk, actor=actor_from_request(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Perangkat autentikator dihapus."))
    return redirect("accounts:security")


@credential_change
def password_change(request: HttpRequest) -> HttpResponse:
    """Change the password with the current one; other sessions of the user end."""
    changed, form = password_change_step(
        request,
        update=functools.partial(
            services.user_password_update,
            account=request.user,
            by_link=False,
            actor=actor_from_request(request),
        ),
    )
    if changed:
        return redirect("accounts:security")
    return render(request, "accounts/form.html", {"form": form, "title": _("Ganti kata sandi")})


@menu_entry(pgettext_lazy("menu", "Undang staf"), group=AKUN, order=20)
@manager_or_ops_required
def staff_invite(request: HttpRequest) -> HttpResponse:
    form = StaffInviteForm(request.POST or None, roles=invitable_roles(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_invite(
                invited_by=request.user, actor=actor_from_request(request), **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Undangan terkirim ke %(e)s.") % {"e": form.cleaned_data["email"]}
            )
            return redirect("accounts:invite")
    return render(
        request, "accounts/invite.html", {"form": form, "title": _("Undang pengguna panel")}
    )


# --- Staff management (operations: everyone; a contract manager: its camat) ---------------


@menu_entry(pgettext_lazy("menu", "Staf platform"), group=AKUN, order=15)
@manager_or_ops_required
def staff_list(request: HttpRequest) -> HttpResponse:
    roles = manageable_roles(request.user)
    filters = StaffFilterForm(request.GET, roles=roles)
    users = selectors.staff_manageable_list(user=request.user, **filters.filters())
    page = page_get(request, users, per_page=25)
    labels = region_label_list(u.staff_profile.scope_code for u in page.object_list)
    rows = [(u, labels.get(u.staff_profile.scope_code, "")) for u in page.object_list]
    context = {"page": page, "rows": rows, "filters": filters}
    return render(request, "accounts/staff_list.html", context)


def _staff_or_404(request: HttpRequest, pk: int):  # noqa: ANN202
    account = selectors.staff_manageable_get(user=request.user, account_id=pk)
    if account is None:
        raise Http404
    return account


@manager_or_ops_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A staff member: details, role and region (changed on POST), actions, history."""
    account = _staff_or_404(request, pk)
    profile = account.staff_profile
    initial = {"role": profile.role, "region_code": profile.scope_code}
    form = StaffRoleChangeForm(
        request.POST or None, initial=initial, roles=manageable_roles(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_role_update(
                account_id=pk,
                actor=actor_from_request(request),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Peran dan wilayah disimpan."))
            return redirect("accounts:staff_detail", pk=pk)
    context = {
        "account": account,
        "label": region_label_list([profile.scope_code]).get(profile.scope_code, ""),
        "form": form,
        "own": account.pk == request.user.pk,
        "events": selectors.account_event_list(user=account)[:50],
    }
    return render(request, "accounts/staff_detail.html", context)


def _staff_action(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:  # noqa: ANN001
    _staff_or_404(request, pk)
    try:
        service(account_id=pk, actor=actor_from_request(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("accounts:staff_detail", pk=pk)


@manager_or_ops_required
@require_POST
def staff_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("Akun dinonaktifkan; semua sesinya sudah diakhiri.")
    return _staff_action(request, pk, services.staff_suspend, done)


@manager_or_ops_required
@require_POST
def staff_resume(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_action(request, pk, services.staff_resume, _("Akun diaktifkan kembali."))


@credential_change
def email_change(request: HttpRequest) -> HttpResponse:
    form = EmailChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.email_change_request(
                account=request.user,
                new_email=form.cleaned_data["email"],
                actor=actor_from_request(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.info(request, _("Tautan konfirmasi dikirim ke alamat e-mail baru."))
            return redirect("accounts:security")
    return render(request, "accounts/form.html", {"form": form, "title": _("Ganti e-mail")})


@credential_change
def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the new address: shown (GET), applied on POST by the same user's
    verified session; a link of another user is as invalid as a forged one."""
    try:
        change = services.email_change_pending(account=request.user, token=token)
        if request.method == "POST":
            services.email_change_confirm(
                account=request.user, token=token, actor=actor_from_request(request)
            )
            messages.success(request, _("Alamat e-mail sudah diganti."))
            return redirect("accounts:security")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("accounts:security")
    return render(request, "accounts/email_confirm.html", {"new_email": change.new_email})


@open_to(PUBLIC)
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"title": _("Lupa kata sandi")}


@open_to(PUBLIC)
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/message.html"
    extra_context = {"message": _("Jika e-mail terdaftar, tautan pengaturan ulang sudah dikirim.")}


@open_to(PUBLIC)
@changes_credentials(TOKEN)
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Used by password resets and by invitations (first password). The e-mailed link
    is the proof; every session of the user ends with the old password, and logging in
    afterwards still needs the second factor."""

    template_name = "accounts/form.html"
    success_url = reverse_lazy("accounts:login")
    extra_context = {"title": _("Atur kata sandi")}

    def form_valid(self, form):  # noqa: ANN001, ANN201
        services.user_password_update(
            account=form.user,
            password=form.cleaned_data["new_password1"],
            by_link=True,
            actor=actor_from_request(self.request),
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.success_url)

"""Sign-in, the set-password link, the second factor, the admin's staff and role pages,
and each staff member's own account. Thin views: rules live in services and
permissions."""

import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_ratelimit.decorators import ratelimit

from balai_kernel import second_factor
from balai_kernel.abuse import Lockout, LoginLimitMixin
from balai_kernel.actor import actor_from_request
from balai_kernel.credentials import TOKEN, changes_credentials, password_change_step
from balai_kernel.forms import form_errors_add
from balai_kernel.pagination import page_get
from tenants.read_only import read_only_allowed
from village_apps.akun import selectors, services
from village_apps.akun.choices import Action
from village_apps.akun.forms import ONE_TIME_PASSWORD, PeranForm, StaffForm, StaffRoleForm
from village_apps.akun.models import Peran
from village_apps.akun.navigation import AKUN, menu_entry
from village_apps.akun.permissions import (
    ENROL,
    NEW_PASSWORD,
    OWN_HOME,
    STEP_URLS,
    VERIFY,
    landing_url,
    own_account_view,
    public_view,
    requires,
    second_factor_step,
    staff_grants,
)


def _next(request: HttpRequest, default: str) -> str:
    """A local path to continue to (never another host, ``//x`` or ``/\\x``). Read from
    the query string, which the step's form posts back to."""
    target = request.GET.get("next") or ""
    safe = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and not target.startswith(("//", "/\\")) else default


@public_view
@read_only_allowed
class MasukView(LoginLimitMixin, auth_views.LoginView):
    """Village staff login (village schema users only). Failed passwords count per
    account and per address of this village (``ABUSE_LIMITS["operator_login"]``); a
    lockout refuses even the right password until it ends, and is audited. A user with
    a second factor (or whose role needs one) then enters its code (or enrols); a user
    whose password the admin made chooses their own."""

    template_name = "akun/masuk.html"
    redirect_authenticated_user = True
    abuse_endpoint = "operator_login"

    def get_default_redirect_url(self) -> str:
        return landing_url(self.request.user)

    def form_valid(self, form):  # noqa: ANN001, ANN201
        response = super().form_valid(form)
        step = second_factor_step(self.request)
        if step is not None:
            return redirect(f"{STEP_URLS[step]}?{urlencode({'next': response.url})}")
        return response

    def lockout_started(self, lockout: Lockout) -> None:
        services.login_lockout_record(
            lockout=lockout, username=self._account(), actor=actor_from_request(self.request)
        )


@public_view
@read_only_allowed
class KeluarView(auth_views.LogoutView):
    next_page = "/"


@public_view
@changes_credentials(TOKEN)
class AturSandiView(auth_views.PasswordResetConfirmView):
    """The one-time set-password link e-mailed at provisioning, by invitations and by
    password resets. The new password ends every session of the account (audited)."""

    template_name = "akun/atur_sandi.html"
    success_url = "/akun/masuk/?sandi=baru"
    post_reset_login = False

    def form_valid(self, form):  # noqa: ANN001, ANN201
        services.village_user_password_update(
            account=form.user,
            password=form.cleaned_data["new_password1"],
            actor=actor_from_request(self.request, user=form.user),
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.success_url)


# --- Second factor -------------------------------------------------------------------------


@read_only_allowed
@own_account_view(allow={VERIFY})
@ratelimit(key="user", rate="10/m", method="POST", block=False)
def otp(request: HttpRequest) -> HttpResponse:
    """The code step of a sign-in: a code from one of the user's devices."""
    if not any(devices_for_user(request.user)):
        return redirect(_next(request, landing_url(request.user)))
    passed, form = second_factor.totp_code_step(request)
    if passed:
        return redirect(_next(request, landing_url(request.user)))
    if request.method == "POST" and not getattr(request, "limited", False):
        services.second_factor_failure_record(
            account=request.user, actor=actor_from_request(request)
        )
    return render(request, "akun/otp.html", {"form": form})


@own_account_view(allow={ENROL}, credential=True)
@ratelimit(key="user", rate="10/m", method="POST", block=False)
def otp_daftar(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app (``balai_kernel.second_factor``'s rules)."""
    device, context = second_factor.totp_enrol_step(
        request,
        required=second_factor_step(request) == ENROL,
        confirm=functools.partial(
            services.totp_device_confirm, account=request.user, actor=actor_from_request(request)
        ),
    )
    if device is not None:
        messages.success(request, _("Perangkat autentikator ditambahkan."))
        return redirect(_next(request, OWN_HOME))
    return render(request, "akun/otp_daftar.html", context)


# --- Own account ---------------------------------------------------------------------------


@menu_entry(pgettext_lazy("menu", "Akun saya"), group=AKUN, order=20)
@own_account_view
def saya(request: HttpRequest) -> HttpResponse:
    """The user's own account: role, devices, sign-in history, password change."""
    context = {
        "grants": staff_grants(request.user),
        "devices": list(devices_for_user(request.user)),
        "riwayat": selectors.riwayat_masuk_list(account_id=request.user.pk),
    }
    return render(request, "akun/saya.html", context)


@own_account_view(allow={NEW_PASSWORD}, credential=True)
def sandi(request: HttpRequest) -> HttpResponse:
    """Change the password with the current one; the user's other sessions end."""
    changed, form = password_change_step(
        request,
        update=functools.partial(
            services.village_user_password_update,
            account=request.user,
            by_link=False,
            actor=actor_from_request(request),
        ),
    )
    if changed:
        return redirect(_next(request, OWN_HOME))
    return render(request, "akun/sandi.html", {"form": form})


@own_account_view(credential=True)
@require_POST
def perangkat_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    form = second_factor.DeviceRemoveForm(request.POST, user=request.user)
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
    return redirect(OWN_HOME)


# --- Staff (the admin) ---------------------------------------------------------------------


@menu_entry(pgettext_lazy("menu", "Staf"), group=AKUN, order=10)
@requires("akun", Action.VIEW)
def staf(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    page = page_get(request, selectors.staff_list(q=q), per_page=25)
    return render(request, "akun/staf.html", {"page": page, "q": q})


@never_cache
@requires("akun", Action.MANAGE)
def staf_tambah(request: HttpRequest) -> HttpResponse:
    """Invite by e-mail, or create with a one-time password shown on this answer only."""
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("username", "role", "jabatan", "nama", "email")}
        actor = actor_from_request(request)
        try:
            if form.cleaned_data["cara"] == ONE_TIME_PASSWORD:
                account, password = services.village_user_add(**data, actor=actor)
                return render(
                    request, "akun/staf_sandi.html", {"account": account, "password": password}
                )
            account = services.village_user_invite(**data, actor=actor)
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(
                request, _("Undangan dikirim ke %(email)s.") % {"email": account.email}
            )
            return redirect("akun:staf_detail", pk=account.pk)
    return render(request, "akun/staf_tambah.html", {"form": form})


def _staff_or_404(pk: int):  # noqa: ANN202
    try:
        return selectors.staff_get(account_id=pk)
    except get_user_model().DoesNotExist as exc:
        raise Http404 from exc


@requires("akun", Action.VIEW, writes=Action.MANAGE)
def staf_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A staff member: change role and office (POST), sign-in history, actions."""
    account = _staff_or_404(pk)
    initial = {"role": account.membership.role_id, "jabatan": account.membership.jabatan}
    form = StaffRoleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.village_user_role_update(
                account_id=pk,
                role=form.cleaned_data["role"],
                jabatan=form.cleaned_data["jabatan"],
                actor=actor_from_request(request),
            )
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Peran dan jabatan disimpan."))
            return redirect("akun:staf_detail", pk=pk)
    context = {
        "account": account,
        "form": form,
        "riwayat": selectors.riwayat_masuk_list(account_id=pk),
    }
    return render(request, "akun/staf_detail.html", context)


def _staff_action(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:  # noqa: ANN001
    _staff_or_404(pk)
    try:
        service(account_id=pk, actor=actor_from_request(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("akun:staf_detail", pk=pk)


@requires("akun", Action.MANAGE)
@require_POST
def staf_nonaktifkan(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_action(
        request, pk, services.village_user_suspend, _("Akun dinonaktifkan; sesinya berakhir.")
    )


@requires("akun", Action.MANAGE)
@require_POST
def staf_aktifkan(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_action(request, pk, services.village_user_resume, _("Akun diaktifkan kembali."))


@requires("akun", Action.MANAGE)
@require_POST
def staf_reset_sandi(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_action(
        request,
        pk,
        services.village_user_password_request,
        _("Tautan atur ulang kata sandi dikirim ke e-mail staf."),
    )


# --- Roles and the permission matrix -------------------------------------------------------


@requires("akun", Action.VIEW)
def peran(request: HttpRequest) -> HttpResponse:
    return render(request, "akun/peran.html", {"daftar": selectors.peran_list()})


@requires("akun", Action.VIEW, writes=Action.MANAGE)
def peran_ubah(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """A role's matrix (new role without ``slug``). The admin role's rights are fixed."""
    try:
        instance = selectors.peran_get(slug=slug) if slug else None
    except Peran.DoesNotExist as exc:
        raise Http404 from exc
    rows = selectors.matrix_rows_list()
    form = PeranForm(request.POST or None, rows=rows, peran=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.peran_save(
                slug=slug,
                nama=form.cleaned_data["nama"],
                hak=form.granted(),
                lihat_nik=form.cleaned_data["lihat_nik"],
                wajib_otp=form.cleaned_data["wajib_otp"],
                actor=actor_from_request(request),
            )
        except ValidationError as exc:
            form_errors_add(form, exc)
        else:
            messages.success(request, _("Peran %(nama)s disimpan.") % {"nama": saved.nama})
            return redirect("akun:peran_ubah", slug=saved.slug)
    return render(request, "akun/peran_ubah.html", {"form": form, "peran": instance})


@requires("akun", Action.MANAGE)
@require_POST
def peran_hapus(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        services.peran_delete(slug=slug, actor=actor_from_request(request))
    except Peran.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("akun:peran_ubah", slug=slug)
    messages.success(request, _("Peran dihapus."))
    return redirect("akun:peran")

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect

from balai_kernel.abuse import Lockout, LoginLimitMixin
from balai_kernel.actor import actor_from_request
from balai_kernel.credentials import TOKEN, changes_credentials
from tenants.read_only import read_only_allowed
from village_apps.akun import services
from village_apps.akun.permissions import public_view


@public_view
@read_only_allowed
class MasukView(LoginLimitMixin, auth_views.LoginView):
    """Village operator login (village schema users only). Failed passwords count per
    account and per address of this village (``ABUSE_LIMITS["operator_login"]``); a
    lockout refuses even the right password until it ends, and is audited."""

    template_name = "akun/masuk.html"
    redirect_authenticated_user = True
    next_page = "/kelola/"
    abuse_endpoint = "operator_login"

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
    """The one-time set-password link e-mailed at provisioning and by password resets.
    The new password ends every session of the account (audited)."""

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

from django.contrib.auth import views as auth_views

from balai_site.abuse import Lockout, LoginLimitMixin
from village_apps.akun import services
from village_apps.audit.services import audit_login_failed, audit_login_succeeded  # noqa: F401 - signal receivers


class MasukView(LoginLimitMixin, auth_views.LoginView):
    """Village operator login (village schema users only). Failed passwords count per
    account and per address of this village (``ABUSE_LIMITS["operator_login"]``); a
    lockout refuses even the right password until it ends, and is audited."""

    template_name = "akun/masuk.html"
    redirect_authenticated_user = True
    next_page = "/kelola/penduduk/"
    abuse_endpoint = "operator_login"

    def lockout_started(self, lockout: Lockout) -> None:
        services.login_lockout_record(
            lockout=lockout, username=self._account(), request=self.request
        )


class KeluarView(auth_views.LogoutView):
    next_page = "/"


class AturSandiView(auth_views.PasswordResetConfirmView):
    """The one-time set-password link e-mailed at provisioning and by password resets."""

    template_name = "akun/atur_sandi.html"
    success_url = "/akun/masuk/?sandi=baru"
    post_reset_login = False

from django.contrib.auth import views as auth_views

from village_apps.audit.services import audit_login_failed, audit_login_succeeded  # noqa: F401 - signal receivers


class MasukView(auth_views.LoginView):
    """Village operator login (village schema users only)."""

    template_name = "akun/masuk.html"
    redirect_authenticated_user = True
    next_page = "/kelola/penduduk/"


class KeluarView(auth_views.LogoutView):
    next_page = "/"


class AturSandiView(auth_views.PasswordResetConfirmView):
    """The one-time set-password link e-mailed at provisioning and by password resets."""

    template_name = "akun/atur_sandi.html"
    success_url = "/akun/masuk/?sandi=baru"
    post_reset_login = False

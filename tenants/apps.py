from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    label = "tenants"
    verbose_name = _("Desa (tenant)")

    def ready(self) -> None:
        from tenants import recycle, signals  # noqa: F401 - connects routing invalidation, recycling

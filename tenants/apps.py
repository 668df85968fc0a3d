from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    label = "tenants"
    verbose_name = "Desa (tenant)"

    def ready(self) -> None:
        from tenants import signals  # noqa: F401 - connects routing invalidation

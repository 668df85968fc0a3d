from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "village_apps.audit"
    label = "audit"
    verbose_name = "Jejak audit akses data pribadi"

    def ready(self) -> None:
        # Connects the receivers of Django's login signals and akun's account events.
        from village_apps.audit import services  # noqa: F401

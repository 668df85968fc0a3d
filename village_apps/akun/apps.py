from django.apps import AppConfig


class AkunConfig(AppConfig):
    name = "village_apps.akun"
    label = "akun"
    verbose_name = "Akun desa dan peran"

    def ready(self) -> None:
        # Connects the receivers of Django's login signals (the sign-in history).
        from village_apps.akun import services  # noqa: F401

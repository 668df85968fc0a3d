from django.apps import AppConfig


class AkunConfig(AppConfig):
    name = "village_apps.akun"
    label = "akun"
    verbose_name = "Akun desa dan peran"

from django.apps import AppConfig


class PendudukConfig(AppConfig):
    name = "village_apps.penduduk"
    label = "penduduk"
    verbose_name = "Penduduk"

from django.apps import AppConfig


class PembangunanConfig(AppConfig):
    name = "village_apps.pembangunan"
    label = "pembangunan"
    verbose_name = "Pembangunan"

from django.apps import AppConfig


class PeristiwaConfig(AppConfig):
    name = "village_apps.peristiwa"
    label = "peristiwa"
    verbose_name = "Peristiwa kependudukan"

from django.apps import AppConfig


class KelompokConfig(AppConfig):
    name = "village_apps.kelompok"
    label = "kelompok"
    verbose_name = "Kelompok masyarakat"

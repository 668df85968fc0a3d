from django.apps import AppConfig


class TanahConfig(AppConfig):
    name = "village_apps.tanah"
    label = "tanah"
    verbose_name = "Tanah desa"

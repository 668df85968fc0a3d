from django.apps import AppConfig


class BantuanConfig(AppConfig):
    name = "village_apps.bantuan"
    label = "bantuan"
    verbose_name = "Program bantuan"

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "village_apps.web"
    label = "web"
    verbose_name = "Situs web desa"

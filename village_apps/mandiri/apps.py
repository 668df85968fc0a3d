from django.apps import AppConfig


class MandiriConfig(AppConfig):
    name = "village_apps.mandiri"
    label = "mandiri"
    verbose_name = "Layanan mandiri"

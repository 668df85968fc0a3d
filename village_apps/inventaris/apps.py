from django.apps import AppConfig


class InventarisConfig(AppConfig):
    name = "village_apps.inventaris"
    label = "inventaris"
    verbose_name = "Inventaris dan kekayaan desa"

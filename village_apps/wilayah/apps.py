from django.apps import AppConfig


class WilayahConfig(AppConfig):
    name = "village_apps.wilayah"
    label = "wilayah"
    verbose_name = "Wilayah administratif (dusun/RW/RT)"

from django.apps import AppConfig


class KeluargaConfig(AppConfig):
    name = "village_apps.keluarga"
    label = "keluarga"
    verbose_name = "Keluarga dan rumah tangga"

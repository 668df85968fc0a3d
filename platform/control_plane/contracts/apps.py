from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "control_plane.contracts"
    label = "contracts"
    verbose_name = "Kontrak kabupaten"

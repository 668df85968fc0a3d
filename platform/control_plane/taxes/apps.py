from django.apps import AppConfig


class TaxesConfig(AppConfig):
    name = "control_plane.taxes"
    label = "taxes"
    verbose_name = "Pajak (PPN, PPh 23, bea meterai)"

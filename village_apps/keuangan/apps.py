from django.apps import AppConfig


class KeuanganConfig(AppConfig):
    name = "village_apps.keuangan"
    label = "keuangan"
    verbose_name = "Keuangan (APBDes)"

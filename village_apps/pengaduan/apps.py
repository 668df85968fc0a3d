from django.apps import AppConfig


class PengaduanConfig(AppConfig):
    name = "village_apps.pengaduan"
    label = "pengaduan"
    verbose_name = "Pengaduan"

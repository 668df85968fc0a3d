from django.apps import AppConfig


class BukuConfig(AppConfig):
    name = "village_apps.buku"
    label = "buku"
    verbose_name = "Buku Administrasi Desa"

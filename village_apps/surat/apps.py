from django.apps import AppConfig


class SuratConfig(AppConfig):
    name = "village_apps.surat"
    label = "surat"
    verbose_name = "Layanan surat"

from django.apps import AppConfig


class OpensidImportConfig(AppConfig):
    name = "village_apps.opensid_import"
    label = "opensid_import"
    verbose_name = "Impor OpenSID"

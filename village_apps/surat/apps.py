from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuratConfig(AppConfig):
    name = "village_apps.surat"
    label = "surat"
    verbose_name = _("Layanan surat")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KelolaConfig(AppConfig):
    name = "village_apps.kelola"
    label = "kelola"
    verbose_name = _("Beranda operator")

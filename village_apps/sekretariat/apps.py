from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SekretariatConfig(AppConfig):
    name = "village_apps.sekretariat"
    label = "sekretariat"
    verbose_name = _("Sekretariat")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TteConfig(AppConfig):
    name = "village_apps.tte"
    label = "tte"
    verbose_name = _("Tanda tangan elektronik")

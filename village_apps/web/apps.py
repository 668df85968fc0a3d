from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "village_apps.web"
    label = "web"
    verbose_name = _("Situs web desa")

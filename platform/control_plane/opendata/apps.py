from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "control_plane.opendata"
    label = "opendata"
    verbose_name = _("Data terbuka")

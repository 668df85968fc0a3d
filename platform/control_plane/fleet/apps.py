from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FleetConfig(AppConfig):
    name = "control_plane.fleet"
    label = "fleet"
    verbose_name = _("Pemutakhiran armada desa")

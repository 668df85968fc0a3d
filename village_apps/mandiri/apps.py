from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MandiriConfig(AppConfig):
    name = "village_apps.mandiri"
    label = "mandiri"
    verbose_name = _("Layanan mandiri")

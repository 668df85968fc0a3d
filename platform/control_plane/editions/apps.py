from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    """Moving Balai's records to a new edition of the Kemendagri list (``carry``) and the
    ``wilayah`` command. Above every app whose rows hold region codes (accounts,
    contracts, billing, onboarding, dashboards), so that ``reference`` — which those apps
    read — imports none of them. No models: the application log is ``reference``'s."""

    name = "control_plane.editions"
    label = "editions"
    verbose_name = _("Edisi wilayah")

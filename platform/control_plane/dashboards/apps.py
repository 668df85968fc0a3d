from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "control_plane.dashboards"
    label = "dashboards"
    verbose_name = _("Dasbor wilayah")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from control_plane.dashboards.signals import village_model_changed

        post_save.connect(village_model_changed, dispatch_uid="dasbor-village-save")
        post_delete.connect(village_model_changed, dispatch_uid="dasbor-village-delete")

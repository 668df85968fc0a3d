from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "control_plane.dashboards"
    label = "dashboards"
    verbose_name = _("Dasbor wilayah")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from balai_kernel.disclosure.source import public_source_register
        from control_plane.dashboards import regions
        from control_plane.dashboards.selectors import SnapshotPublicSource
        from control_plane.dashboards.signals import village_model_changed
        from control_plane.reference.services import edition_activated_listener_add

        # Village websites read their public statistics through the disclosure package
        # (they must not import the control plane).
        public_source_register(SnapshotPublicSource())
        # Region names are cached per process; a new active edition clears them.
        edition_activated_listener_add(regions.cache_clear)
        post_save.connect(village_model_changed, dispatch_uid="dasbor-village-save")
        post_delete.connect(village_model_changed, dispatch_uid="dasbor-village-delete")

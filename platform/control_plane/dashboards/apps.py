from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "control_plane.dashboards"
    label = "dashboards"
    verbose_name = "Dasbor wilayah"

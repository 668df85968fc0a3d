from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "control_plane.opendata"
    label = "opendata"
    verbose_name = "Data terbuka"

from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "control_plane.reference"
    label = "reference"
    verbose_name = "Data referensi wilayah Kemendagri"

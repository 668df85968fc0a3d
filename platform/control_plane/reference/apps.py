from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "control_plane.reference"
    label = "reference"
    verbose_name = _("Data referensi wilayah Kemendagri")

    def kabupaten_code_known(self, code: str) -> bool | None:
        """For village apps that check a NIK's region prefix (``penduduk.validation``)
        without importing the control plane: known in any loaded edition?"""
        from control_plane.reference.selectors import kabupaten_code_known

        return kabupaten_code_known(code)

from django import forms
from django.utils.translation import gettext_lazy as _

from balai_kernel.second_factor import (
    CurrentPasswordForm,
    DeviceEnrolForm,
    DeviceRemoveForm,
    TokenForm,
)
from control_plane.accounts.models import StaffRole

__all__ = [
    "CurrentPasswordForm",
    "DeviceEnrolForm",
    "DeviceRemoveForm",
    "EmailChangeForm",
    "StaffInviteForm",
    "TokenForm",
]


class StaffInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    name = forms.CharField(label=_("Nama"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Peran"),
        choices=[c for c in StaffRole.choices if c[0] != StaffRole.VILLAGE_OPERATOR],
    )
    kabupaten_code = forms.CharField(
        label=_("Kode kabupaten/kota (untuk pengelola kontrak)"), max_length=5, required=False
    )

    def clean_kabupaten_code(self) -> str:
        return self.cleaned_data["kabupaten_code"].replace(".", "")


class EmailChangeForm(CurrentPasswordForm):
    email = forms.EmailField(label=_("E-mail baru"))
    field_order = ["email", "password"]

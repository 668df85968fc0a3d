from typing import Any

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
    """An invitation: the roles offered are those the inviter may invite
    (``permissions.invitable_roles``); the region is checked by ``services.staff_invite``."""

    email = forms.EmailField(label=_("E-mail"))
    name = forms.CharField(label=_("Nama"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Peran"))
    region_code = forms.CharField(
        label=_("Kode wilayah"),
        max_length=13,
        required=False,
        help_text=_(
            "Kabupaten/kota untuk pengelola kontrak (mis. 18.01), kecamatan untuk camat "
            "(mis. 18.01.04), provinsi untuk pejabat provinsi (mis. 18)."
        ),
    )

    def __init__(self, *args: Any, roles: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, StaffRole(r).label) for r in roles]

    def clean_region_code(self) -> str:
        return self.cleaned_data["region_code"].replace(".", "").strip()


class EmailChangeForm(CurrentPasswordForm):
    email = forms.EmailField(label=_("E-mail baru"))
    field_order = ["email", "password"]

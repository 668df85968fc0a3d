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
    "StaffFilterForm",
    "StaffInviteForm",
    "StaffRoleChangeForm",
    "TokenForm",
]


class StaffRoleChangeForm(forms.Form):
    """A staff member's role and region: the roles offered are those the user may give
    (``permissions.manageable_roles``, or ``invitable_roles`` for an invitation);
    ``services.staff_role_update`` / ``staff_invite`` check the rest (level, the
    Kemendagri list, the user's scope and rules)."""

    role = forms.ChoiceField(label=_("Peran"))
    region_code = forms.CharField(
        label=_("Kode wilayah"),
        max_length=13,
        required=False,
        help_text=_(
            "Kecamatan untuk camat (mis. 18.01.04), kabupaten/kota untuk pengelola kontrak "
            "(mis. 18.01), provinsi untuk pejabat provinsi (mis. 18); kosong untuk tim "
            "operasional."
        ),
    )

    def __init__(self, *args: Any, roles: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, StaffRole(r).label) for r in roles]
        self.fields["role"].error_messages["invalid_choice"] = _(
            "Pilih peran yang tersedia: %(value)s tidak termasuk."
        )

    def clean_region_code(self) -> str:
        return self.cleaned_data["region_code"].replace(".", "").strip()


class StaffInviteForm(StaffRoleChangeForm):
    """An invitation: who, with the role and region they are invited for."""

    email = forms.EmailField(label=_("E-mail"))
    name = forms.CharField(label=_("Nama"), max_length=150, required=False)
    field_order = ["email", "name", "role", "region_code"]


class StaffFilterForm(forms.Form):
    """The staff list's search and role filter (GET); unknown values show everyone."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Peran"), required=False)

    def __init__(self, *args: Any, roles: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Semua peran"))] + [
            (r, StaffRole(r).label) for r in roles
        ]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"q": "", "role": ""}
        return {"q": self.cleaned_data["q"].strip(), "role": self.cleaned_data["role"]}


class EmailChangeForm(CurrentPasswordForm):
    email = forms.EmailField(label=_("E-mail baru"))
    field_order = ["email", "password"]

from django import forms
from django.utils.translation import gettext_lazy as _

from control_plane.accounts.models import StaffRole


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kode 6 digit dari aplikasi autentikator"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class CurrentPasswordForm(forms.Form):
    """Asks for the current password again before a credential changes, so a session
    cookie alone (stolen, or a computer left logged in) can not change credentials."""

    password = forms.CharField(label=_("Kata sandi saat ini"), widget=forms.PasswordInput)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("Kata sandi salah."))
        return self.cleaned_data["password"]


class DeviceEnrolForm(CurrentPasswordForm):
    """The code of the new device, an optional name, and (except right after the
    password step of a first enrolment) the current password."""

    token = TokenForm.base_fields["token"]
    name = forms.CharField(
        label=_("Nama perangkat (mis. Ponsel kerja)"), max_length=64, required=False
    )
    field_order = ["token", "name", "password"]

    def __init__(self, *args, ask_password: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_password:
            del self.fields["password"]


class DeviceRemoveForm(CurrentPasswordForm):
    pass


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

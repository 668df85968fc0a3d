from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balai_kernel.phone import PhoneField
from control_plane.onboarding import services


class SignupForm(forms.Form):
    """Field types only; the rules (village, subdomain, contact, proof, consent) are the
    service's ``signup_check``, which ``clean`` runs whatever the fields said, so every
    error shows in one round."""

    desa = forms.CharField(
        label=_("Desa/kelurahan"),
        max_length=80,
        required=False,
        help_text=_("Ketik kode Kemendagri (mis. 18.01.04.2001) atau nama desa."),
    )
    code = forms.CharField(label=_("Desa/kelurahan"), max_length=13, required=False)  # picked
    slug = forms.CharField(label=_("Subdomain"), max_length=40, required=False)
    operator_name = forms.CharField(label=_("Nama Anda"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = PhoneField(label=_("Nomor telepon/WhatsApp"), required=False)
    position = forms.CharField(label=_("Jabatan"), max_length=100, required=False)
    proof = forms.FileField(
        label=_("Bukti penugasan (surat tugas/SK kepala desa; PDF, JPG, PNG; maks. 2 MB)"),
        required=False,
    )
    consent = forms.BooleanField(label=_("Persetujuan syarat layanan"), required=False)

    def __init__(self, *args: Any, invitation: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.check: Any = None

    @property
    def contact_fields(self) -> list[forms.BoundField]:
        """The fields the template shows one after another (an invitation brings its
        e-mail and needs no proof)."""
        names = ["operator_name", "email", "phone", "position", "proof"]
        if self.invitation is not None:
            names = [n for n in names if n not in ("email", "proof")]
        return [self[name] for name in names]

    def clean(self) -> dict[str, Any]:
        data = self.cleaned_data
        self.check = services.signup_check(
            desa=data.get("desa", ""),
            code=data.get("code", ""),
            slug=data.get("slug", ""),
            operator_name=data.get("operator_name", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            position=data.get("position", ""),
            consent=data.get("consent", False),
            proof=data.get("proof"),
            invitation=self.invitation,
        )
        for field, messages in self.check.errors.items():
            if field not in self.errors:  # a field's own error says it better
                self.add_error(field, messages)
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan"), widget=forms.Textarea(attrs={"rows": 3}))


class InvitationForm(forms.Form):
    code = forms.CharField(label=_("Kode desa (mis. 18.01.04.2001)"), max_length=13)
    email = forms.EmailField(label=_("E-mail operator"))


class InvitationBulkForm(forms.Form):
    csv_file = forms.FileField(label=_("Berkas CSV (kode,email per baris)"))

    def clean_csv_file(self):  # noqa: ANN201
        berkas = self.cleaned_data["csv_file"]
        if berkas.size > 256 * 1024:  # 500 rows of code and e-mail are ~30 KB
            raise forms.ValidationError(_("Berkas CSV paling besar 256 KB."))
        return berkas

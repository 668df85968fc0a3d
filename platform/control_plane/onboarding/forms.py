from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """Field types only; the rules (code, subdomain, proof, consent) are in the service."""

    code = forms.CharField(label=_("Desa/kelurahan"), max_length=13, required=False)
    slug = forms.CharField(label=_("Subdomain"), max_length=40)
    operator_name = forms.CharField(label=_("Nama Anda"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Nomor telepon/WhatsApp"), max_length=30)
    position = forms.CharField(label=_("Jabatan"), max_length=100)
    proof = forms.FileField(
        label=_("Bukti penugasan (surat tugas/SK kepala desa; PDF, JPG, PNG; maks. 2 MB)"),
        required=False,
    )
    consent = forms.BooleanField(
        label=_("Saya menyetujui ketentuan layanan dan pengolahan data pribadi"), required=False
    )


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

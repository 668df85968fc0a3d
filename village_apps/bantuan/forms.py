from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from village_apps.bantuan.choices import AsalDana, Sasaran


class ProgramForm(forms.Form):
    nama = forms.CharField(label=_("Nama program"), max_length=150)
    sasaran = forms.TypedChoiceField(label=_("Sasaran"), choices=Sasaran.choices, coerce=int)
    asal_dana = forms.TypedChoiceField(label=_("Asal dana"), choices=AsalDana.choices, coerce=int)
    mulai = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    selesai = forms.DateField(
        label=pgettext_lazy("tanggal akhir", "Selesai"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    keterangan = forms.CharField(
        label=_("Keterangan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PesertaForm(forms.Form):
    pengenal = forms.CharField(
        label=_("NIK / nomor KK / nomor rumah tangga / kode kelompok"), max_length=30,
        help_text=_("Sesuai sasaran program."),
    )  # fmt: skip
    no_peserta = forms.CharField(label=_("Nomor peserta"), max_length=50, required=False)
    kartu_nik = forms.CharField(label=_("NIK pada kartu"), max_length=16, required=False)


class ImporForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas format impor program bantuan OpenSID (.xlsx)"))

    def clean_berkas(self):  # noqa: ANN201
        berkas = self.cleaned_data["berkas"]
        if berkas.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Berkas paling besar 5 MB."))
        return berkas

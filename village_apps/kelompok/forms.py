"""Forms of the kelompok app (what the back office posts)."""

from django import forms
from django.utils.translation import gettext_lazy


class KelompokForm(forms.Form):
    nama = forms.CharField(label=gettext_lazy("Nama kelompok"), max_length=100)
    kode = forms.CharField(label=gettext_lazy("Kode"), max_length=30)
    kategori = forms.CharField(label=gettext_lazy("Kategori"), max_length=100)
    keterangan = forms.CharField(
        label=gettext_lazy("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnggotaForm(forms.Form):
    nik = forms.CharField(label=gettext_lazy("NIK anggota"), max_length=16)
    jabatan = forms.CharField(label=gettext_lazy("Jabatan"), max_length=50, required=False)

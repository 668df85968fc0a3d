from django import forms
from django.utils.translation import gettext_lazy as _

from village_apps.pembangunan.choices import SumberDana


class ProyekForm(forms.Form):
    nama = forms.CharField(label=_("Nama kegiatan"), max_length=200)
    lokasi = forms.CharField(label=_("Lokasi"), max_length=200)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2015, max_value=2100)
    sumber_dana = forms.MultipleChoiceField(
        label=_("Sumber dana"), choices=SumberDana.choices, widget=forms.CheckboxSelectMultiple
    )
    anggaran = forms.DecimalField(
        label=_("Anggaran (Rp)"), min_value=0, max_digits=15, decimal_places=2
    )
    pelaksana = forms.CharField(label=_("Pelaksana"), max_length=200, required=False)
    volume = forms.CharField(
        label=_("Volume"), max_length=100, required=False, help_text=_("Contoh: 350 m x 3 m")
    )
    progres = forms.IntegerField(label=_("Progres (%)"), min_value=0, max_value=100, initial=0)
    keterangan = forms.CharField(
        label=_("Keterangan"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class FotoProyekForm(forms.Form):
    gambar = forms.ImageField(label=_("Foto"), help_text=_("Paling besar 5 MB."))
    keterangan = forms.CharField(label=_("Keterangan"), max_length=200, required=False)

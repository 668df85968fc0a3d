from django import forms
from django.utils.translation import gettext_lazy as _

from village_apps.tanah.choices import AsalTanahKas, JenisLahan, Penggunaan, Peruntukan, StatusHak


class LetakForm(forms.Form):
    nomor_letter_c = forms.CharField(label=_("Nomor Letter C"), max_length=30, required=False)
    nomor_persil = forms.CharField(label=_("Nomor persil"), max_length=30, required=False)
    kelas = forms.CharField(
        label=_("Kelas tanah"), max_length=20, required=False, help_text=_("Contoh: S-I, D-II")
    )
    luas = forms.DecimalField(label=_("Luas (m²)"), min_value=0, max_digits=14, decimal_places=2)
    lokasi = forms.CharField(label=_("Lokasi"), max_length=200, required=False)
    mutasi = forms.CharField(label=_("Mutasi"), max_length=300, required=False)
    keterangan = forms.CharField(label=_("Keterangan"), max_length=300, required=False)


class TanahDesaForm(LetakForm):
    nik_pemilik = forms.CharField(
        label=_("NIK pemilik (penduduk desa)"),
        max_length=16,
        required=False,
        help_text=_("Kosongkan bila pemilik bukan penduduk desa, lalu isi namanya."),
    )
    nama_pemilik = forms.CharField(label=_("Nama pemilik"), max_length=150, required=False)
    status_hak = forms.ChoiceField(label=_("Status hak"), choices=StatusHak.choices)
    penggunaan = forms.ChoiceField(label=_("Penggunaan"), choices=Penggunaan.choices)

    field_order = ["nik_pemilik", "nama_pemilik", "status_hak", "penggunaan"]


class TanahKasDesaForm(LetakForm):
    nama_pemilik_asal = forms.CharField(
        label=_("Nama pemilik asal"), max_length=150, required=False
    )
    asal = forms.ChoiceField(label=_("Asal tanah"), choices=AsalTanahKas.choices)
    jenis_lahan = forms.ChoiceField(label=_("Jenis lahan"), choices=JenisLahan.choices)
    tanggal_perolehan = forms.DateField(
        label=_("Tanggal perolehan"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    ada_patok = forms.BooleanField(label=_("Ada patok tanda batas"), required=False)
    ada_papan_nama = forms.BooleanField(label=_("Ada papan nama"), required=False)
    peruntukan = forms.ChoiceField(
        label=_("Peruntukan"), choices=[("", "—"), *Peruntukan.choices], required=False
    )

    field_order = ["nama_pemilik_asal", "asal", "jenis_lahan", "tanggal_perolehan"]

from django import forms
from django.utils.translation import gettext_lazy as _

from village_apps.penduduk.forms import PendudukForm
from village_apps.peristiwa.choices import JenisPindah, KodePeristiwa
from village_apps.peristiwa.models import PERISTIWA_KELUAR


class PeristiwaForm(forms.Form):
    kode = forms.TypedChoiceField(
        label=_("Peristiwa"),
        coerce=int,
        choices=[(k.value, k.label) for k in KodePeristiwa if k in PERISTIWA_KELUAR]
        + [(KodePeristiwa.KEMBALI.value, KodePeristiwa.KEMBALI.label)],
    )
    tanggal_peristiwa = forms.DateField(
        label=_("Tanggal peristiwa"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tanggal_lapor = forms.DateField(
        label=_("Tanggal lapor"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ref_pindah = forms.TypedChoiceField(
        label=_("Jenis pindah (untuk pindah keluar)"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—"), *JenisPindah.choices],
    )
    meninggal_di = forms.CharField(label=_("Meninggal di"), required=False, max_length=50)
    alamat_tujuan = forms.CharField(label=_("Alamat tujuan"), required=False, max_length=200)
    catatan = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class KelahiranForm(PendudukForm):
    class Meta(PendudukForm.Meta):
        fields = [
            "nik",
            "nama",
            "sex",
            "tempatlahir",
            "tanggallahir",
            "agama_id",
            "kk_level",
            "nama_ayah",
            "nama_ibu",
            "keluarga",
            "wilayah",
        ]
        widgets = {"tanggallahir": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tanggallahir"].required = True
        self.fields["wilayah"].required = False


class LaporanForm(forms.Form):
    bulan = forms.CharField(label=_("Bulan"), widget=forms.DateInput(attrs={"type": "month"}))

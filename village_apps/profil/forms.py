from django import forms

from village_apps.profil.models import Aparatur, ProfilDesa
from village_apps.profil.services import IDENTITAS_FIELDS


class ProfilForm(forms.ModelForm):
    class Meta:
        model = ProfilDesa
        fields = IDENTITAS_FIELDS


class AparaturForm(forms.ModelForm):
    class Meta:
        model = Aparatur
        fields = [
            "nama",
            "nip",
            "nipd",
            "jabatan",
            "no_sk",
            "tanggal_sk",
            "masa_mulai",
            "masa_selesai",
            "foto",
            "boleh_ttd",
            "aktif",
            "urutan",
        ]
        widgets = {
            k: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for k in ("tanggal_sk", "masa_mulai", "masa_selesai")
        }

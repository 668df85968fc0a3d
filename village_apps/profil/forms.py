from django import forms
from django.utils.translation import gettext as _

from balai_kernel.images import IMAGE_MAX_BYTES
from balai_kernel.phone import PhoneField
from village_apps.profil.models import Aparatur, ProfilDesa
from village_apps.profil.services import IDENTITAS_FIELDS


def _gambar_kecil(berkas):  # noqa: ANN001, ANN202 - an upload or the stored file
    """Public pictures are served as they are: at most ``IMAGE_MAX_BYTES`` (Django's
    ImageField already refuses anything Pillow can not open, e.g. HTML or SVG)."""
    if berkas and getattr(berkas, "size", 0) > IMAGE_MAX_BYTES:
        raise forms.ValidationError(_("Ukuran gambar paling besar 5 MB."))
    return berkas


class ProfilForm(forms.ModelForm):
    class Meta:
        model = ProfilDesa
        fields = IDENTITAS_FIELDS
        field_classes = {"telepon": PhoneField}

    def clean_logo(self):  # noqa: ANN201
        return _gambar_kecil(self.cleaned_data.get("logo"))


class AparaturForm(forms.ModelForm):
    def clean_foto(self):  # noqa: ANN201
        return _gambar_kecil(self.cleaned_data.get("foto"))

    class Meta:
        model = Aparatur
        fields = [
            "nama",
            "nip",
            "nipd",
            "jabatan",
            "no_sk",
            "tanggal_sk",
            "pangkat_golongan",
            "no_sk_berhenti",
            "tanggal_sk_berhenti",
            "masa_mulai",
            "masa_selesai",
            "foto",
            "boleh_ttd",
            "aktif",
            "urutan",
        ]
        widgets = {
            k: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for k in ("tanggal_sk", "tanggal_sk_berhenti", "masa_mulai", "masa_selesai")
        }

from django import forms
from django.utils.translation import gettext_lazy as _

from village_apps.keluarga.models import Keluarga
from village_apps.wilayah.selectors import rt_pilihan


class KeluargaForm(forms.ModelForm):
    class Meta:
        model = Keluarga
        fields = ["no_kk", "alamat", "wilayah", "kelas_sosial"]
        help_texts = {"no_kk": _("Kosongkan bila belum punya nomor KK: nomor sementara dibuat.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["no_kk"].required = False
        self.fields["wilayah"].queryset = rt_pilihan()
        self.fields["wilayah"].required = True

    def _post_clean(self) -> None:  # validated by the service
        pass


class GantiKepalaForm(forms.Form):
    kepala = forms.ModelChoiceField(label=_("Kepala keluarga baru"), queryset=None)

    def __init__(self, *args, keluarga, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kepala"].queryset = keluarga.anggota.filter(status_dasar=1)

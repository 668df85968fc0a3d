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


class PecahKKForm(forms.Form):
    """Split members off into a new KK."""

    kepala = forms.ModelChoiceField(label=_("Kepala KK baru"), queryset=None)
    anggota = forms.ModelMultipleChoiceField(
        label=_("Anggota yang ikut pindah KK"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    no_kk_baru = forms.CharField(
        label=_("Nomor KK baru"),
        max_length=16,
        required=False,
        help_text=_("Kosongkan bila belum terbit: nomor sementara dibuat."),
    )

    def __init__(self, *args, keluarga, **kwargs):
        super().__init__(*args, **kwargs)
        hidup = keluarga.anggota.filter(status_dasar=1)
        self.fields["kepala"].queryset = hidup
        self.fields["anggota"].queryset = hidup

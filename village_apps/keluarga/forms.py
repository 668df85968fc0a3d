from django import forms
from django.utils.translation import gettext_lazy as _

from village_apps.keluarga.models import Keluarga, RumahTangga
from village_apps.penduduk.models import Penduduk
from village_apps.referensi import StatusDasar
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


class PendudukNikField(forms.ModelChoiceField):
    """A resident picked by NIK (a village has thousands: no drop-down). Any resident
    matches; whether they may join a household is the service's rule and message."""

    default_error_messages = {  # noqa: RUF012 - Django's own pattern
        "invalid_choice": _("Penduduk dengan NIK ini tidak ditemukan."),
    }

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Penduduk.objects.all(),
            to_field_name="nik",
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            **kwargs,
        )


class RumahTanggaForm(forms.Form):
    kepala = PendudukNikField(
        label=_("NIK kepala rumah tangga"),
        help_text=_("Kepala rumah tangga harus penduduk hidup yang belum masuk rumah tangga."),
    )
    no_rtm = forms.CharField(
        label=_("Nomor rumah tangga"),
        max_length=RumahTangga._meta.get_field("no_rtm").max_length,
        required=False,
        help_text=_("Kosongkan agar nomor dibuat otomatis (kode desa + nomor urut)."),
    )


class RumahTanggaAnggotaForm(forms.Form):
    penduduk = PendudukNikField(label=_("NIK anggota"))


class RumahTanggaKepalaForm(forms.Form):
    kepala = forms.ModelChoiceField(label=_("Kepala rumah tangga baru"), queryset=None)

    def __init__(self, *args, rumah_tangga, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kepala"].queryset = rumah_tangga.anggota.filter(
            status_dasar=StatusDasar.HIDUP
        ).exclude(pk=rumah_tangga.kepala_id)


class RumahTanggaBubarForm(forms.Form):
    yakin = forms.BooleanField(
        label=_("Saya yakin: semua anggota keluar dan rumah tangga ini dihapus."),
        error_messages={"required": _("Centang untuk membubarkan rumah tangga.")},
    )

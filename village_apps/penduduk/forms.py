from django import forms
from django.utils.translation import gettext_lazy as _

from village_apps.penduduk.models import NikMode, Penduduk
from village_apps.peristiwa.models import KodePeristiwa
from village_apps.wilayah.selectors import rt_pilihan

FIELDS = [
    "nik", "nama", "sex", "tempatlahir", "tanggallahir", "agama_id", "pendidikan_kk_id",
    "pendidikan_sedang_id", "pekerjaan_id", "status_kawin", "kk_level", "warganegara_id",
    "golongan_darah_id", "cacat_id", "sakit_menahun_id", "cara_kb_id", "hamil", "ktp_el",
    "status_rekam", "id_asuransi", "no_asuransi", "status", "nama_ayah", "ayah_nik",
    "nama_ibu", "ibu_nik", "akta_lahir", "suku", "alamat", "alamat_sekarang", "telepon",
    "email", "wilayah", "keluarga",
]  # fmt: skip


class PendudukForm(forms.ModelForm):
    """Resident data entry. Validation rules live in the service (shared with import)."""

    class Meta:
        model = Penduduk
        fields = FIELDS
        widgets = {"tanggallahir": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"nik": _("Kosongkan bila belum punya NIK: nomor sementara dibuat otomatis.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nik"].required = False
        self.fields["wilayah"].queryset = rt_pilihan()
        self.fields["keluarga"].widget = forms.HiddenInput()

    def _post_clean(self) -> None:  # the service validates the instance (one rule set)
        pass


class PendudukBaruForm(PendudukForm):
    jenis_pencatatan = forms.TypedChoiceField(
        label=_("Dicatat sebagai"),
        coerce=int,
        choices=[
            (KodePeristiwa.DATA_AWAL, _("Pencatatan data awal (penduduk lama)")),
            (KodePeristiwa.PINDAH_MASUK, _("Pindah masuk")),
        ],
    )
    tanggal_peristiwa = forms.DateField(
        label=_("Tanggal peristiwa"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


# The ingress accepts 10 MB bodies; a file that large holds ~100,000 rows.
IMPOR_MAKS_BYTES = 10 * 1024 * 1024


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas Excel format OpenSID (.xlsx/.xlsm)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm"}),
    )
    perbarui = forms.BooleanField(
        label=_("Perbarui penduduk yang NIK-nya sudah terdaftar"), required=False
    )

    def clean_berkas(self):  # noqa: ANN201
        berkas = self.cleaned_data["berkas"]
        if berkas.size > IMPOR_MAKS_BYTES:
            raise forms.ValidationError(_("Berkas paling besar 10 MB."))
        return berkas


class PengaturanForm(forms.Form):
    nik_struktur = forms.ChoiceField(
        label=_("Temuan struktur NIK (kode wilayah, tanggal lahir, aturan +40)"),
        choices=NikMode.choices,
    )

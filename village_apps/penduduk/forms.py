from django import forms
from django.utils.translation import gettext_lazy as _

from balai_kernel.disclosure.policy import SENSITIVE_CATEGORIES
from balai_kernel.phone import PhoneField
from village_apps.penduduk.models import NikMode, Penduduk
from village_apps.penduduk.statistik import STATISTIK_KATEGORI
from village_apps.peristiwa.choices import KodePeristiwa
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
        field_classes = {"telepon": PhoneField}
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


class StatistikSensitifForm(forms.Form):
    """Which special statistics categories the village publishes. Opening one that is
    closed needs the confirmation box: the screen says what publishing it means."""

    kategori = forms.MultipleChoiceField(
        label=_("Kategori khusus yang dipublikasikan"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    paham = forms.BooleanField(
        label=_(
            "Saya memahami bahwa kategori yang saya buka adalah data kesehatan warga dan "
            "akan terbit untuk umum, dan desa mempunyai dasar untuk menerbitkannya."
        ),
        required=False,
    )

    def __init__(self, *args, aktif: frozenset[str] = frozenset(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.aktif = aktif
        self.fields["kategori"].choices = [
            (kode, STATISTIK_KATEGORI[kode])
            for kode in STATISTIK_KATEGORI
            if kode in SENSITIVE_CATEGORIES
        ]
        self.fields["kategori"].initial = sorted(aktif)

    def clean(self) -> dict:
        data = super().clean()
        if set(data.get("kategori") or ()) - self.aktif and not data.get("paham"):
            self.add_error("paham", _("Centang pernyataan ini untuk membuka kategori khusus."))
        return data

import zipfile

from django import forms
from django.utils.translation import gettext_lazy as _

DUMP_SUFFIXES = (".sql", ".sql.gz", ".gz", ".sid")


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Cadangan basis data OpenSID (.sql, .sql.gz atau .sid)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".sql,.gz,.sid"}),
    )
    berkas_desa = forms.FileField(
        label=_("Arsip folder desa (.zip, opsional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
    )
    kode_desa = forms.CharField(
        label=_("Kode desa (untuk database gabungan, opsional)"), max_length=20, required=False
    )
    ketat = forms.BooleanField(label=_("Tolak bila kode desa berbeda"), required=False)
    terima_selisih = forms.BooleanField(
        label=_("Terima selisih angka verifikasi (dengan penjelasan di laporan)"), required=False
    )
    uji_coba = forms.BooleanField(label=_("Uji coba saja (tidak menyimpan data)"), required=False)
    ganti = forms.BooleanField(
        label=_("Ganti data desa yang sudah ada (penduduk, keluarga, wilayah, bantuan …)"),
        required=False,
    )
    konfirmasi = forms.CharField(
        label=_("Ketik subdomain desa untuk mengonfirmasi penggantian"),
        max_length=40,
        required=False,
    )

    def __init__(self, *args, slug: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slug = slug

    def clean(self):
        data = super().clean()
        if data.get("ganti") and data.get("konfirmasi", "").strip() != self.slug:
            self.add_error(
                "konfirmasi",
                _("Ketik subdomain desa ini (%(slug)s) untuk mengganti datanya.")
                % {"slug": self.slug},
            )
        data.pop("konfirmasi", None)
        return data

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if not berkas.name.lower().endswith(DUMP_SUFFIXES):
            raise forms.ValidationError(
                _("Pilih berkas cadangan OpenSID: .sql, .sql.gz atau .sid.")
            )
        return berkas

    def clean_berkas_desa(self):
        berkas = self.cleaned_data.get("berkas_desa")
        if berkas and not berkas.name.lower().endswith(".zip"):
            raise forms.ValidationError(_("Arsip folder desa harus berupa berkas .zip."))
        if berkas and not zipfile.is_zipfile(berkas):  # reads the directory only
            raise forms.ValidationError(_("Arsip folder desa rusak atau bukan arsip ZIP."))
        if berkas:
            berkas.seek(0)
        return berkas

from django import forms
from django.utils.translation import gettext_lazy as _

from village_apps.keuangan.choices import Kelompok


class ApbdesForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun anggaran"), min_value=2015, max_value=2100)
    keterangan = forms.CharField(label=_("Keterangan"), max_length=200, required=False)


KONFIRMASI_LEBIH = _("Realisasi memang melebihi anggaran")


class BarisForm(forms.Form):
    kelompok = forms.ChoiceField(label=_("Kelompok"), choices=Kelompok.choices)
    kode = forms.CharField(
        label=_("Kode rekening"), max_length=20, help_text=_("Contoh: 4.2.1, 2.3.01, 6.1.1")
    )
    uraian = forms.CharField(label=_("Uraian"), max_length=255)
    anggaran = forms.DecimalField(
        label=_("Anggaran (Rp)"), min_value=0, max_digits=15, decimal_places=2
    )
    realisasi_s1 = forms.DecimalField(
        label=_("Realisasi semester I (Rp)"),
        min_value=0,
        max_digits=15,
        decimal_places=2,
        initial=0,
    )
    realisasi_s2 = forms.DecimalField(
        label=_("Realisasi semester II (Rp)"),
        min_value=0,
        max_digits=15,
        decimal_places=2,
        initial=0,
    )
    # Shown only once a save was refused for realisation above the budget.
    konfirmasi_lebih = forms.BooleanField(
        label=KONFIRMASI_LEBIH, required=False, widget=forms.HiddenInput
    )

    def konfirmasi_minta(self) -> None:
        """Show the confirmation box (after ``services.LEBIH_ANGGARAN``)."""
        self.fields["konfirmasi_lebih"].widget = forms.CheckboxInput()


class ImporForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun anggaran"), min_value=2015, max_value=2100)
    berkas = forms.FileField(label=_("Berkas Excel (.xlsx)"))
    konfirmasi_lebih = forms.BooleanField(
        label=KONFIRMASI_LEBIH,
        required=False,
        help_text=_("Centang hanya bila ada baris yang realisasinya memang melebihi anggaran."),
    )

    def clean_berkas(self):  # noqa: ANN201
        berkas = self.cleaned_data["berkas"]
        if berkas.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Berkas paling besar 5 MB."))
        return berkas

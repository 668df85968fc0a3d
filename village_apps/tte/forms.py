"""Forms of the signing settings page (validation only; writes go through services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from village_apps.tte.choices import Penyedia
from village_apps.tte.verification import MAX_P12_BYTES


class PenyediaForm(forms.Form):
    penyedia = forms.ChoiceField(label=_("Penyedia tanda tangan"), choices=Penyedia.choices)
    bsre_url = forms.CharField(
        label=_("Alamat layanan esign BSrE"),
        required=False,
        max_length=200,
        help_text=_("Server esign-client Pemda, mis. http://esign.kabupaten.go.id"),
    )
    bsre_pengguna = forms.CharField(label=_("Pengguna klien esign"), required=False, max_length=100)
    bsre_sandi = forms.CharField(
        label=_("Kata sandi klien esign"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Kosongkan untuk memakai yang tersimpan."),
    )
    bsre_nama = forms.CharField(label=_("Nama penanda tangan"), required=False, max_length=100)
    bsre_nik = forms.CharField(label=_("NIK penanda tangan"), required=False, max_length=16)
    bsre_passphrase = forms.CharField(
        label=_("Passphrase BSrE penanda tangan"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Kosongkan untuk memakai yang tersimpan."),
    )


class SertifikatForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas sertifikat (.p12 / .pfx)"))
    passphrase = forms.CharField(
        label=_("Passphrase sertifikat"), required=False, widget=forms.PasswordInput, max_length=200
    )

    def clean_berkas(self) -> bytes:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > MAX_P12_BYTES:
            raise forms.ValidationError(_("Berkas sertifikat paling besar 64 KB."))
        return berkas.read()


class SertifikatUjiForm(forms.Form):
    nama = forms.CharField(label=_("Nama pemegang sertifikat"), max_length=64)

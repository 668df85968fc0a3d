"""Forms of the secretariat's registers: they read what was posted; the services
decide (``balai_kernel.forms.form_errors_add`` shows their refusals on the form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from village_apps.sekretariat.choices import StatusSuratMasuk


def _tanggal(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _singkat(label: Any, max_length: int = 500) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": 3})
    )


class SuratMasukForm(forms.Form):
    nomor_surat = forms.CharField(label=_("Nomor surat"), max_length=120)
    tanggal_surat = _tanggal(_("Tanggal surat"))
    tanggal_diterima = _tanggal(_("Tanggal diterima"))
    pengirim = forms.CharField(label=_("Pengirim"), max_length=200)
    perihal = _singkat(_("Perihal / isi singkat"))
    jumlah_lampiran = forms.IntegerField(
        label=_("Jumlah lampiran"), min_value=0, max_value=999, initial=0
    )
    keterangan = forms.CharField(label=_("Keterangan"), max_length=255, required=False)
    scan = forms.FileField(
        label=_("Pindaian surat (PDF, JPG atau PNG, paling besar 10 MB)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "tanggal_diterima" not in self.initial:
            self.initial["tanggal_diterima"] = timezone.localdate()


class SuratMasukStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StatusSuratMasuk.choices)


class DisposisiForm(forms.Form):
    penerima_id = forms.TypedChoiceField(label=_("Diteruskan kepada"), coerce=int)
    instruksi = _singkat(_("Instruksi"))
    batas_waktu = _tanggal(_("Batas waktu"), required=False)

    def __init__(self, *args: Any, penerima: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["penerima_id"].choices = [("", _("— pilih staf —")), *penerima]


class DisposisiSelesaiForm(forms.Form):
    catatan = forms.CharField(
        label=_("Catatan tindak lanjut"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SuratKeluarManualForm(forms.Form):
    nomor_surat = forms.CharField(label=_("Nomor surat"), max_length=120)
    tanggal_surat = _tanggal(_("Tanggal surat"))
    ditujukan_kepada = forms.CharField(label=_("Ditujukan kepada"), max_length=200)
    perihal = _singkat(_("Perihal / isi singkat"))
    keterangan = forms.CharField(label=_("Keterangan"), max_length=255, required=False)


class EkspedisiForm(forms.Form):
    tanggal_pengiriman = _tanggal(_("Tanggal pengiriman"))
    nomor_surat = forms.CharField(label=_("Nomor surat"), max_length=120)
    tanggal_surat = _tanggal(_("Tanggal surat"))
    isi_singkat = _singkat(_("Isi singkat surat yang dikirim"))
    ditujukan_kepada = forms.CharField(label=_("Ditujukan kepada"), max_length=200)
    keterangan = forms.CharField(label=_("Keterangan"), max_length=255, required=False)


class HapusForm(forms.Form):
    """A delete is a POST with nothing to fill in (the CSRF token)."""

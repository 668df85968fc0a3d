import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Sp2dForm(forms.Form):
    sp2d_number = forms.CharField(label=_("Nomor SP2D"), max_length=100)
    sp2d_date = forms.DateField(label=_("Tanggal SP2D"))
    received_idr = forms.IntegerField(label=_("Jumlah diterima (Rp)"), min_value=1)
    pph23_withheld_idr = forms.IntegerField(
        label=_("PPh 23 dipotong (Rp)"), min_value=0, initial=0, required=False
    )
    pph23_slip_number = forms.CharField(
        label=_("Nomor bukti potong PPh 23"), max_length=100, required=False
    )
    ppn_withheld_idr = forms.IntegerField(
        label=_("PPN dipungut (Rp)"), min_value=0, initial=0, required=False
    )
    ppn_slip_number = forms.CharField(
        label=_("NTPN / bukti pungut PPN"), max_length=100, required=False
    )

    def clean(self):
        data = super().clean()
        for key in ("pph23_withheld_idr", "ppn_withheld_idr"):
            data[key] = data.get(key) or 0
        return data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class CoretaxForm(forms.Form):
    """The period of the Coretax export. Unbound (first visit) it offers the current
    month up to today."""

    mulai = forms.DateField(label=_("Mulai"), widget=DateInput(), input_formats=["%Y-%m-%d"])
    sampai = forms.DateField(label=_("Sampai"), widget=DateInput(), input_formats=["%Y-%m-%d"])

    MAX_DAYS = 366

    @staticmethod
    def initial_period() -> dict[str, dt.date]:
        today = timezone.localdate()
        return {"mulai": today.replace(day=1), "sampai": today}

    def clean(self):
        data = super().clean()
        start, end = data.get("mulai"), data.get("sampai")
        if start and end:
            if end < start:
                self.add_error("sampai", _("Tanggal sampai tidak boleh sebelum tanggal mulai."))
            elif (end - start).days >= self.MAX_DAYS:
                self.add_error("sampai", _("Satu ekspor paling banyak mencakup satu tahun."))
        return data

from django import forms
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

from django import forms
from django.utils.translation import gettext_lazy as _

from balai_kernel.phone import PhoneOrEmailField
from village_apps.pengaduan.choices import StatusPengaduan


class PengaduanForm(forms.Form):
    nama = forms.CharField(label=_("Nama (boleh dikosongkan)"), max_length=100, required=False)
    kontak = PhoneOrEmailField(
        label=_("Telepon atau e-mail (boleh dikosongkan)"), max_length=100, required=False,
        help_text=_("Hanya dilihat petugas desa."),
    )  # fmt: skip
    judul = forms.CharField(label=_("Judul"), max_length=150)
    isi = forms.CharField(
        label=_("Isi pengaduan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )
    foto = forms.ImageField(label=_("Foto (opsional, paling besar 5 MB)"), required=False)
    # Honeypot: hidden from people by CSS, filled in by naive bots.
    situs_web = forms.CharField(
        label=_("Jangan diisi"), required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )  # fmt: skip


class LacakForm(forms.Form):
    kode = forms.CharField(label=_("Kode lacak"), max_length=12)


class TanggapanForm(forms.Form):
    isi = forms.CharField(
        label=_("Tanggapan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    status = forms.ChoiceField(label=_("Status"), choices=StatusPengaduan.choices)

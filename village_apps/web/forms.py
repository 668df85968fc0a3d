"""Back-office forms of the website. They validate input; the services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from village_apps.web.models import Artikel, Halaman, Kategori, PengaturanSitus

# Rich text: the model's HtmlField gives the field its WYSIWYG editor (RichTextarea).
_TOOLS_HELP = _(
    "Gunakan tombol di atas isian untuk judul, tebal, miring, daftar, tautan dan tabel. "
    "Gaya lain (warna, huruf) tidak disimpan."
)


class ArtikelForm(forms.Form):
    judul = forms.CharField(label=_("Judul"), max_length=200)
    kategori = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Kategori.objects.all(),
        required=False,
        empty_label=_("(tanpa kategori)"),
    )
    ringkasan = forms.CharField(label=_("Ringkasan"), max_length=300, required=False)
    isi = Artikel._meta.get_field("isi").formfield(label=_("Isi"), help_text=_TOOLS_HELP)
    gambar = forms.ImageField(
        label=_("Gambar utama"), required=False, help_text=_("Paling besar 5 MB.")
    )
    terbit = forms.BooleanField(label=pgettext_lazy("artikel", "Terbitkan"), required=False)


class KategoriForm(forms.Form):
    nama = forms.CharField(label=_("Nama kategori"), max_length=80)


class HalamanForm(forms.Form):
    judul = forms.CharField(label=_("Judul"), max_length=200)
    isi = Halaman._meta.get_field("isi").formfield(label=_("Isi"), help_text=_TOOLS_HELP)
    tampil_di_menu = forms.BooleanField(label=_("Tampilkan di menu"), required=False, initial=True)
    urutan = forms.IntegerField(label=_("Urutan"), min_value=0, max_value=999, initial=0)


class TautanMenuForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=60)
    url = forms.CharField(
        label=_("Alamat"), max_length=300, help_text=_("Contoh: /halaman/sejarah/ atau https://…")
    )
    urutan = forms.IntegerField(label=_("Urutan"), min_value=0, max_value=999, initial=0)

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        if not url.startswith(("/", "https://", "http://")):
            raise forms.ValidationError(_("Alamat harus diawali / atau http(s)://."))
        return url


class AgendaForm(forms.Form):
    judul = forms.CharField(label=_("Judul"), max_length=200)
    tanggal = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    waktu = forms.CharField(label=_("Waktu"), max_length=40, required=False)
    lokasi = forms.CharField(label=_("Lokasi"), max_length=200, required=False)
    keterangan = forms.CharField(
        label=_("Keterangan"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class FotoForm(forms.Form):
    judul = forms.CharField(label=_("Judul"), max_length=200)
    gambar = forms.ImageField(label=_("Foto"), help_text=_("Paling besar 5 MB."))
    keterangan = forms.CharField(label=_("Keterangan"), max_length=300, required=False)


class PengaturanSitusForm(forms.Form):
    sambutan = PengaturanSitus._meta.get_field("sambutan").formfield(
        label=_("Sambutan kepala desa"), help_text=_TOOLS_HELP
    )
    deskripsi = forms.CharField(label=_("Deskripsi situs"), max_length=300, required=False)
    jam_pelayanan = forms.CharField(label=_("Jam pelayanan"), max_length=200, required=False)

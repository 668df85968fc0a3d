from django import forms
from django.utils.translation import gettext_lazy as _

from village_apps.inventaris.choices import JenisMutasi, KategoriAset, Kondisi, SumberAset

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AsetForm(forms.Form):
    kategori = forms.ChoiceField(label=_("Kategori KIB"), choices=KategoriAset.choices)
    nama = forms.CharField(label=_("Nama barang"), max_length=200)
    kode_barang = forms.CharField(label=_("Kode barang"), max_length=64, required=False)
    nomor_register = forms.CharField(label=_("Nomor register"), max_length=64, required=False)
    spesifikasi = forms.CharField(
        label=_("Merek/tipe/ukuran/konstruksi"), max_length=300, required=False
    )
    jumlah = forms.IntegerField(label=_("Jumlah"), min_value=1, initial=1)
    luas = forms.DecimalField(
        label=_("Luas (m²)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    lokasi = forms.CharField(label=_("Lokasi"), max_length=200, required=False)
    nomor_dokumen = forms.CharField(
        label=_("Nomor dokumen (sertifikat/BPKB/IMB)"), max_length=100, required=False
    )
    sumber = forms.ChoiceField(label=_("Asal perolehan"), choices=SumberAset.choices)
    tanggal_perolehan = forms.DateField(label=_("Tanggal perolehan"), widget=TANGGAL)
    nilai_perolehan = forms.DecimalField(
        label=_("Nilai perolehan (Rp)"), min_value=0, max_digits=15, decimal_places=2
    )
    kondisi_awal = forms.ChoiceField(label=_("Kondisi saat diperoleh"), choices=Kondisi.choices)
    keterangan = forms.CharField(label=_("Keterangan"), max_length=300, required=False)
    proyek_asal = forms.IntegerField(required=False, widget=forms.HiddenInput)

    FIELDS = (
        "kategori", "nama", "kode_barang", "nomor_register", "spesifikasi", "jumlah", "luas",
        "lokasi", "nomor_dokumen", "sumber", "tanggal_perolehan", "nilai_perolehan",
        "kondisi_awal", "keterangan",
    )  # fmt: skip


class MutasiForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis mutasi"), choices=JenisMutasi.choices)
    tanggal = forms.DateField(label=_("Tanggal"), widget=TANGGAL)
    kondisi_baru = forms.ChoiceField(
        label=_("Kondisi baru"), choices=[("", "—"), *Kondisi.choices], required=False
    )
    lokasi_baru = forms.CharField(label=_("Lokasi baru"), max_length=200, required=False)
    nilai = forms.DecimalField(
        label=_("Harga jual (Rp)"), min_value=0, max_digits=15, decimal_places=2, required=False
    )
    pihak = forms.CharField(label=_("Pembeli/penerima"), max_length=200, required=False)
    dasar = forms.CharField(
        label=_("Dasar (nomor SK/berita acara)"), max_length=120, required=False
    )
    keterangan = forms.CharField(label=_("Keterangan"), max_length=300, required=False)

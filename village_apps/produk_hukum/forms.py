from django import forms
from django.utils.translation import gettext_lazy as _

from village_apps.produk_hukum.choices import JenisProdukHukum


def tanggal(label: str, **kw) -> forms.DateField:  # noqa: ANN003
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kw,
    )


class ProdukHukumForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis"), choices=JenisProdukHukum.choices)
    tentang = forms.CharField(label=_("Tentang"), max_length=300)
    uraian = forms.CharField(
        label=_("Uraian singkat"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    tanggal_disepakati = tanggal(
        _("Tanggal kesepakatan BPD"), help_text=_("Untuk Peraturan Desa dan Peraturan Bersama.")
    )
    nomor_evaluasi = forms.CharField(
        label=_("Nomor evaluasi camat/bupati"), max_length=50, required=False
    )
    tanggal_evaluasi = tanggal(_("Tanggal evaluasi camat/bupati"))
    nomor = forms.CharField(label=_("Nomor ditetapkan"), max_length=50, required=False)
    tanggal_ditetapkan = tanggal(_("Tanggal ditetapkan"))
    nomor_dilaporkan = forms.CharField(
        label=_("Nomor dilaporkan ke camat"), max_length=50, required=False
    )
    tanggal_dilaporkan = tanggal(_("Tanggal dilaporkan"))
    nomor_diundangkan = forms.CharField(
        label=_("Nomor Lembaran/Berita Desa"), max_length=50, required=False
    )
    tanggal_diundangkan = tanggal(_("Tanggal diundangkan"))
    keterangan = forms.CharField(label=_("Keterangan"), max_length=300, required=False)
    berkas = forms.FileField(
        label=_("Dokumen bertanda tangan"),
        required=False,
        help_text=_("PDF, JPG atau PNG, paling besar 10 MB."),
    )

    FIELDS = (
        "jenis", "tentang", "uraian", "tanggal_disepakati", "nomor_evaluasi", "tanggal_evaluasi",
        "nomor", "tanggal_ditetapkan", "nomor_dilaporkan", "tanggal_dilaporkan",
        "nomor_diundangkan", "tanggal_diundangkan", "keterangan",
    )  # fmt: skip

"""Forms of the books: the period/search filter and the two registers' entry forms."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from village_apps.buku.models import KaderPemberdayaan, PendudukSementara
from village_apps.buku.registry import Book, Periode

_DATE = {"type": "date"}


class FilterForm(forms.Form):
    """``?tahun=2026&bulan=5&q=…``: a month, or the whole year (bulan empty)."""

    tahun = forms.IntegerField(label=_("Tahun"), min_value=1900, max_value=9999, required=False)
    bulan = forms.TypedChoiceField(
        label=_("Bulan"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Setahun"))] + [(i, str(i).zfill(2)) for i in range(1, 13)],
    )
    q = forms.CharField(label=_("Cari"), max_length=100, required=False, strip=True)

    def periode(self, book: Book) -> Periode:
        """The period asked for; the current month (or year) when none or invalid."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        tahun = data.get("tahun") or today.year
        bulan = data.get("bulan") if book.monthly else None
        if book.monthly and not self.data.get("tahun"):
            bulan = today.month
        return Periode(tahun, bulan)

    def cari(self) -> str:
        return (self.cleaned_data.get("q") or "") if self.is_valid() else ""


class PendudukSementaraForm(forms.ModelForm):
    class Meta:
        model = PendudukSementara
        fields = [
            "nama", "sex", "nomor_identitas", "tempat_lahir", "tanggal_lahir", "pekerjaan",
            "warganegara_id", "keturunan", "datang_dari", "maksud_tujuan", "didatangi",
            "tanggal_datang", "tanggal_pergi", "keterangan",
        ]  # fmt: skip
        widgets = {
            k: forms.DateInput(attrs=_DATE, format="%Y-%m-%d")
            for k in ("tanggal_lahir", "tanggal_datang", "tanggal_pergi")
        }


class KaderForm(forms.ModelForm):
    class Meta:
        model = KaderPemberdayaan
        fields = ["nama", "sex", "tanggal_lahir", "pendidikan", "bidang", "alamat", "keterangan"]
        widgets = {"tanggal_lahir": forms.DateInput(attrs=_DATE, format="%Y-%m-%d")}


class TutupForm(forms.Form):
    """Close one period of a book (``2026`` or ``2026-05``)."""

    periode = forms.CharField(max_length=7)

    def clean_periode(self) -> Periode:
        try:
            return Periode.parse(self.cleaned_data["periode"])
        except ValueError as exc:
            raise forms.ValidationError(_("Periode tidak dikenali.")) from exc

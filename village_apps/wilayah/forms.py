"""Forms of the wilayah app."""

from django import forms
from django.utils.translation import gettext_lazy


class WilayahTambahForm(forms.Form):
    """A new dusun, an RW of ``dusun`` or an RT of ``rw`` (the ids come from the tree
    page's hidden fields; a missing one is a 404 in the view)."""

    nama = forms.CharField(label=gettext_lazy("Nama"), strip=True)
    rw = forms.IntegerField(required=False, min_value=1)
    dusun = forms.IntegerField(required=False, min_value=1)

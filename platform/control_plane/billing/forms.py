from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.modules import MODULES


class PaymentForm(forms.Form):
    """A bank transfer matched by finance; the amount is entered in whole rupiah."""

    amount_rupiah = forms.IntegerField(label=_("Jumlah diterima (Rp)"), min_value=1)
    received_on = forms.DateField(
        label=_("Tanggal diterima"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(label=_("Referensi transfer"), max_length=100)
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "amount": data["amount_rupiah"] * 100,
            "received_on": data["received_on"],
            "reference": data["reference"],
            "note": data["note"],
        }


def module_choices() -> list[tuple[str, str]]:
    """Switchable modules, labelled in the language of the request (so not at import)."""
    return [(m.code, f"{m.label} — {m.description}") for m in MODULES if m.switchable]


class PlanModulesForm(forms.Form):
    """The switchable modules a plan includes (core modules are always on). Saved
    with ``penduduk`` so the list is never empty: an empty list means no limits."""

    modules = forms.MultipleChoiceField(
        label=_("Modul yang termasuk paket"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=module_choices,
    )

    def service_kwargs(self) -> dict[str, Any]:
        return {"modules": ["penduduk", *self.cleaned_data["modules"]]}

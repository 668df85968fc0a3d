from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from control_plane.contracts.models import Contract

FIELDS = [
    "kabupaten_code",
    "kabupaten_name",
    "number",
    "starts_on",
    "ends_on",
    "seat_limit",
    "auto_approve",
    "plan",
    "interval",
    "npwp",
    "billing_name",
    "billing_email",
    "billing_address",
    "status",
    "proration_policy",
    "days_until_due",
]


class ContractForm(forms.ModelForm):
    """Contract terms for operations. The price is entered in whole rupiah and stored
    in minor units (×100) because Stripe treats IDR as two-decimal."""

    price_rupiah = forms.IntegerField(label=_("Harga per desa per periode (Rp)"), min_value=0)

    class Meta:
        model = Contract
        fields = FIELDS
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["price_rupiah"].initial = self.instance.price_per_village // 100
            self.fields["kabupaten_code"].disabled = True

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["price_per_village"] = data.pop("price_rupiah") * 100
        return data

"""The operations console's fleet upgrade form: what ``manage.py fleet upgrade`` takes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

KIND_CHOICES = [
    ("expand", _("expand — tambahan saja (aman kapan pun)")),
    ("heavy", _("heavy — isi ulang data dan indeks")),
    ("contract", _("contract — penghapusan (setelah semua pod baru)")),
    ("all", _("semua jenis")),
]


class UpgradeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis migrasi"), choices=KIND_CHOICES, initial="all")
    ring = forms.ChoiceField(label=_("Gelombang"))
    window = forms.RegexField(
        label=_("Jendela pemeliharaan (waktu setempat desa)"),
        regex=r"^\d{2}:\d{2}-\d{2}:\d{2}$",
        required=False,
        help_text=_("HH:MM-HH:MM, mis. 22:00-05:00; kosong: kapan saja."),
        error_messages={"invalid": _("Jendela pemeliharaan harus berbentuk HH:MM-HH:MM.")},
    )
    max_failure_rate = forms.FloatField(
        label=_("Batas kegagalan per gelombang"),
        min_value=0,
        max_value=1,
        initial=0.05,
        help_text=_("0–1; gelombang berikutnya tidak dijalankan bila terlampaui."),
    )

    def __init__(self, *args: Any, kabupaten: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ring"].choices = [
            ("canary", _("kenari (desa uji coba) saja")),
            ("all", _("semua: kenari, lalu kabupaten demi kabupaten")),
        ] + [(f"kabupaten:{code}", _("kabupaten %(code)s") % {"code": code}) for code in kabupaten]
        self.fields["ring"].initial = "canary"

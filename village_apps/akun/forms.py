"""Forms of the akun app (validation only; writes go through services). Sign-in and
set-password use Django's own (``AuthenticationForm``, ``SetPasswordForm``) through the
class-based views; the second-factor forms are ``balai_kernel.second_factor``'s."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from village_apps.akun.choices import Action
from village_apps.akun.models import Peran
from village_apps.akun.selectors import MATRIX_ACTIONS, MatrixRow, peran_choice_list

INVITE = "undang"
ONE_TIME_PASSWORD = "sandi"  # noqa: S105 - a choice of the form, not a secret


class StaffForm(forms.Form):
    """A new staff member: invited by e-mail (set-password link) or created with a
    one-time password shown once."""

    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Dipakai untuk masuk; huruf, angka dan @ . + - _ saja."),
    )
    nama = forms.CharField(label=_("Nama lengkap"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Peran"))
    jabatan = forms.CharField(
        label=_("Jabatan"),
        max_length=100,
        required=False,
        help_text=_("Tercetak di bawah nama penanda tangan surat, mis. Kepala Desa."),
    )
    cara = forms.ChoiceField(
        label=_("Cara memberi akses"),
        choices=[
            (INVITE, _("Kirim undangan ke e-mail (tautan atur kata sandi)")),
            (ONE_TIME_PASSWORD, _("Buat kata sandi sekali pakai (ditampilkan sekali)")),
        ],
        initial=INVITE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = peran_choice_list()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("cara") == INVITE and not data.get("email"):
            self.add_error("email", _("Isi alamat e-mail untuk mengirim undangan."))
        return data


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Peran"))
    jabatan = forms.CharField(label=_("Jabatan"), max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = peran_choice_list()


def _cell(module: str, action: str) -> str:
    return f"hak__{module}__{action}"


class PeranForm(forms.Form):
    """A role's name, flags and one checkbox per cell of the permission matrix (the
    rows are the modules this village's views declare, ``selectors.matrix_rows_list``)."""

    nama = forms.CharField(label=_("Nama peran"), max_length=100)
    lihat_nik = forms.BooleanField(
        label=_("Lihat NIK/KK lengkap"),
        required=False,
        help_text=_(
            "Tanpa hak ini nomor tampil tersamar; hak ubah, hapus atau ekspor pada data "
            "pribadi memerlukannya."
        ),
    )
    wajib_otp = forms.BooleanField(
        label=_("Wajib verifikasi dua langkah (aplikasi autentikator)"), required=False
    )

    def __init__(
        self, *args: Any, rows: list[MatrixRow], peran: Peran | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        hak = set(peran.hak) if peran is not None else set()
        shown = {row.module for row in rows}
        # Grants in modules not shown (switched off by the plan) are kept as they are.
        self.kept = {h for h in hak if h.split(".", 1)[0] not in shown}
        if peran is not None:
            self.initial.update(
                nama=peran.nama, lihat_nik=peran.lihat_nik, wajib_otp=peran.wajib_otp
            )
        for row in rows:
            for action in row.actions:
                label = f"{row.label}: {Action(action).label}"
                self.fields[_cell(row.module, action)] = forms.BooleanField(
                    label=label,
                    required=False,
                    initial=f"{row.module}.{action}" in hak,
                    widget=forms.CheckboxInput(attrs={"aria-label": label}),
                )

    def matrix(self) -> list[tuple[MatrixRow, list[Any]]]:
        """For the template: each row with a checkbox per column of ``MATRIX_ACTIONS``
        (``None`` where the module has no view needing that action)."""
        return [
            (
                row,
                [self[_cell(row.module, a)] if a in row.actions else None for a in MATRIX_ACTIONS],
            )
            for row in self.rows
        ]

    def granted(self) -> set[str]:
        return self.kept | {
            f"{row.module}.{action}"
            for row in self.rows
            for action in row.actions
            if self.cleaned_data.get(_cell(row.module, action))
        }

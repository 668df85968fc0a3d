"""Back-office forms of the letters module (validation only; writes go through services)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from village_apps.surat import lampiran, merge
from village_apps.surat.models import FormatSurat, PengaturanSurat
from village_apps.surat.selectors import (
    aparatur_penandatangan_get,
    klasifikasi_nama,
    penandatangan_list,
)

RANTAI_PILIHAN = [
    ("", _("Operator langsung menerbitkan")),
    ("kades", _("Operator → kepala desa")),
    ("sekdes,kades", _("Operator → sekretaris desa → kepala desa")),
]


def _check_nomor(value: str) -> str:
    if value and "nomor_surat" not in merge.fields_used(value):
        raise forms.ValidationError(_("Format nomor harus memuat [nomor_surat]."))
    return value


class PengaturanForm(forms.ModelForm):
    """The letter settings. The default signer is chosen among the officials who may sign
    (``profil.Aparatur``): their name, office and NIP come from that record when a letter
    is made (``services.penandatangan_default``), never typed here. A name typed without
    choosing is kept for a signer who is not in the officials' list (no NIP)."""

    rantai = forms.ChoiceField(
        label=_("Rantai persetujuan permohonan warga"), choices=RANTAI_PILIHAN, required=False
    )
    ttd_aparatur = forms.ModelChoiceField(
        label=_("Penanda tangan bawaan"),
        queryset=penandatangan_list(),
        required=False,
        empty_label=_("— bukan aparatur: isi nama dan jabatan di bawah —"),
        help_text=_("NIP diambil dari data aparatur desa (Profil desa › Aparatur)."),
    )

    class Meta:
        model = PengaturanSurat
        fields = [
            "format_nomor",
            "lingkup_nomor",
            "ttd_nama",
            "ttd_jabatan",
            "camat_nama",
            "camat_nip",
        ]

    field_order = [
        "format_nomor",
        "lingkup_nomor",
        "ttd_aparatur",
        "ttd_nama",
        "ttd_jabatan",
        "camat_nama",
        "camat_nip",
    ]

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["rantai"].initial = ",".join(self.instance.rantai_persetujuan)
        self.fields["ttd_aparatur"].initial = aparatur_penandatangan_get(
            nama=self.instance.ttd_nama
        )

    def clean(self) -> dict:
        data = super().clean()
        official = data.get("ttd_aparatur")
        if official is not None:
            data["ttd_nama"], data["ttd_jabatan"] = official.nama, official.jabatan
            self.instance.ttd_nama, self.instance.ttd_jabatan = official.nama, official.jabatan
        # The NIP is the official's (looked up when a letter is made); a typed signer has none.
        self.instance.ttd_nip = ""
        return data

    def clean_format_nomor(self) -> str:
        return _check_nomor(self.cleaned_data["format_nomor"])

    def clean_rantai(self) -> list[str]:
        value = self.cleaned_data.get("rantai") or ""
        return [s for s in value.split(",") if s]


class FormatSuratForm(forms.ModelForm):
    """Template editor. ``kode_isian`` is edited as JSON, ``syarat`` one per line."""

    kode_isian_json = forms.CharField(
        label=_("Isian tambahan (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_('Contoh: [{"kode": "form_keperluan", "nama": "Keperluan", "required": true}]'),
    )
    lampiran = forms.MultipleChoiceField(
        label=_("Lampiran formulir (dicetak sesudah surat)"),
        required=False,
        choices=lampiran.formulir_pilihan,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Formulir Dukcapil atau formulir nikah yang diisi dari data surat."),
    )
    syarat_baris = forms.CharField(
        label=_("Syarat dokumen (satu per baris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = FormatSurat
        fields = [
            "nama",
            "slug",
            "kode_surat",
            "isi",
            "ukuran",
            "orientasi",
            "margin_kiri",
            "margin_atas",
            "margin_kanan",
            "margin_bawah",
            "kop",
            "format_nomor",
            "masa_berlaku",
            "satuan_berlaku",
            "mandiri",
            "aktif",
            "lampiran",
        ]

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["kode_isian_json"].initial = json.dumps(
                self.instance.kode_isian, ensure_ascii=False
            )
            self.fields["syarat_baris"].initial = "\n".join(self.instance.syarat)

    def clean_kode_surat(self) -> str:
        kode = self.cleaned_data["kode_surat"].strip()
        if klasifikasi_nama(kode) is None:
            raise forms.ValidationError(
                _("Kode klasifikasi %(kode)s tidak dikenal."), params={"kode": kode}
            )
        return kode

    def clean_format_nomor(self) -> str:
        return _check_nomor(self.cleaned_data["format_nomor"])

    def clean_kode_isian_json(self) -> list[dict]:
        raw = (self.cleaned_data.get("kode_isian_json") or "").strip()
        if not raw:
            return []
        try:
            value = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise forms.ValidationError(_("Isian tambahan bukan JSON yang sah.")) from exc
        if not isinstance(value, list) or not all(
            isinstance(v, dict) and isinstance(v.get("kode"), str) and v["kode"] for v in value
        ):
            raise forms.ValidationError(
                _('Isian tambahan harus berupa daftar dengan kunci "kode".')
            )
        return value

    def clean_syarat_baris(self) -> list[str]:
        return [
            line.strip()
            for line in (self.cleaned_data.get("syarat_baris") or "").splitlines()
            if line.strip()
        ]


class IsianForm(forms.Form):
    """What a letter's fill-in page posts: the template's own fields (which differ per
    letter, so they are not declared here: the letter service validates them against
    the template), the other people it names (``pihak-<role>-<field>``, validated by
    ``services.pihak_clean``), the signing official and what to do: preview, issue,
    search the register for one role (``cari:<role>``) or pick a resident for it
    (``pilih`` = ``<role>:<id>``)."""

    penandatangan = forms.CharField(required=False)
    aksi = forms.CharField(required=False)

    def isian(self) -> dict[str, Any]:
        """Every posted field, one value each (the service reads the ones it knows);
        ``pengikut`` as the list of ids ticked."""
        data = self.data.dict()
        data["pengikut"] = self.data.getlist("pengikut")
        return data

    def cari(self) -> str | None:
        """The role whose register search was asked for."""
        aksi = self.data.get("aksi") or ""
        return aksi.removeprefix("cari:") if aksi.startswith("cari:") else None

    def pilih(self) -> tuple[str, int] | None:
        """``(role, resident id)`` when a search result was picked."""
        role, _, pk = (self.data.get("pilih") or "").partition(":")
        return (role, int(pk)) if role and pk.isdecimal() else None

    def aparatur_id(self) -> int | None:
        value = self.data.get("penandatangan") or ""
        return int(value) if value.isdecimal() else None

    def preview(self) -> bool:
        return self.data.get("aksi") == "pratinjau"


@dataclass
class BagianPihak:
    """One role's part of the letter's form: picked from the register (``orang``) or
    typed (``data``), with the register search asked for it (``q``, ``hasil``)."""

    slug: str
    nama: str
    sumber: str = ""
    orang: Any = None
    data: dict[str, str] = field(default_factory=dict)
    q: str = ""
    hasil: list[Any] = field(default_factory=list)


class CabutForm(forms.Form):
    alasan = forms.CharField(required=False)


class VerifikasiCariForm(forms.Form):
    """A letter's verification code as a visitor has it: the address a QR scanner app
    showed (``…/surat/verifikasi/<kode>/``) or the code alone; cleaned to the code."""

    KODE = re.compile(r"(?:^|/surat/verifikasi/)([A-Za-z0-9_-]{20,100})/?$")

    kode = forms.CharField(
        label=_("Kode verifikasi atau alamat dari kode QR"),
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "url"}),
    )

    def clean_kode(self) -> str:
        found = self.KODE.search(self.cleaned_data["kode"].strip())
        if found is None:
            raise forms.ValidationError(
                _("Kode tidak dikenali. Salin alamat lengkap yang muncul saat kode QR dipindai.")
            )
        return found.group(1)

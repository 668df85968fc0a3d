"""What a letter must not go out with, found before it is issued (and when a template
is saved or imported): no signer, a field left empty, a merge code printed raw, a
unit's name written twice.

The functions here are pure: they get the merged values, the template and the signer,
and return :class:`Masalah` rows with Indonesian messages (a letter and its problems
are Indonesian in either language of the interface, like the letter itself).
``services.surat_check`` and ``services.format_surat_check`` compose a letter and call
them; ``surat_issue`` refuses with :class:`SuratBermasalah` when any is found.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from village_apps.surat import fields, merge
from village_apps.surat.choices import SumberMasalah

# Merge codes of the template languages a village may paste or import: OpenSID's
# ``[Kode]``/``[Kode_lain, 3]``, Django/Twig/Blade/Jinja ``{{ x }}``/``{% x %}``, shell
# and PHP ``$x``/``${x}`` and Word's ``<<x>>``. In a letter any of them is a code that
# nothing filled.
RAW_CODE = re.compile(
    r"\[[A-Za-z][A-Za-z0-9_]*(?:,\s*\d{1,2})?\]"
    r"|\{\{.*?\}\}|\{%.*?%\}"
    r"|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?"
    r"|<<\s*[A-Za-z_][\w ]*>>",
    re.DOTALL,
)
# A unit or office named twice in a row ("Dusun Dusun Krajan", "Desa Desa Hajimena").
DOUBLED = re.compile(
    r"\b(Dusun|RT|RW|Desa|Kelurahan|Kecamatan|Kabupaten|Kota|Provinsi)\s+\1\b", re.IGNORECASE
)


# Tags of a letter (already cleaned to the letter allowlist, so well formed): a regular
# expression is enough, and ~10× faster than Django's parser-based ``strip_tags``.
_TAG = re.compile(r"<[^>]*>")


def _text(markup: str, *, tag: str = " ") -> str:
    """The text of a letter's HTML, each tag replaced by ``tag``, entities decoded,
    whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(tag, markup)).split())


@dataclass(frozen=True)
class Masalah:
    """One reason a letter can not go out. ``sumber`` says where it is fixed (the
    template, the village profile, the resident's record, the form, the signer);
    ``kode`` is the merge code concerned, if any."""

    pesan: str
    sumber: str
    kode: str = ""

    def __str__(self) -> str:
        return self.pesan


class SuratBermasalah(ValidationError):
    """A letter (or an active template) refused by the check; ``masalah`` lists why."""

    def __init__(self, masalah: list[Masalah]) -> None:
        super().__init__([m.pesan for m in masalah], code="surat_bermasalah")
        self.masalah = masalah


def signer_problems(*, nama: str, jabatan: str) -> list[Masalah]:
    """A signer needs a name and an office; the NIP is optional."""
    found = []
    if not (nama or "").strip():
        found.append(
            Masalah(
                gettext(
                    "Penanda tangan belum ditentukan: isi nama kepala desa di Profil desa (atau "
                    "penanda tangan di Pengaturan surat), atau pilih aparatur yang berwenang "
                    "menandatangani surat."
                ),
                SumberMasalah.PENANDA_TANGAN,
            )
        )
    if not (jabatan or "").strip():
        found.append(
            Masalah(gettext("Jabatan penanda tangan belum diisi."), SumberMasalah.PENANDA_TANGAN)
        )
    return found


def raw_codes(text: str) -> list[str]:
    """Merge codes left in ``text`` (HTML; tags are not looked at), in order, once each."""
    # Tags vanish: "[<b>Nama</b>]" is not merged, and prints "[Nama]".
    return list(dict.fromkeys(m.group(0) for m in RAW_CODE.finditer(_text(text, tag=""))))


def _raw_code_problems(template: str, values: Mapping[str, str], nomor: str) -> list[Masalah]:
    """Codes that would print as written. Found in the template merged with neutral
    values ("0": numbers for ``[hitung]``/``[terbilang]``), so what residents or the
    operator typed (which may hold brackets) is never taken for a code."""
    skeleton = merge.render(template, dict.fromkeys(values, "0"), raw=fields.RAW_FIELDS)
    found = [
        Masalah(
            gettext(
                "Kode %(kode)s tidak dapat diisi dan akan tercetak apa adanya; ganti atau hapus "
                "kode itu di format surat."
            )
            % {"kode": code},
            SumberMasalah.FORMAT,
            code,
        )
        for code in raw_codes(skeleton)
    ]
    found += [
        Masalah(
            gettext(
                "Format nomor surat memuat kode %(kode)s yang tidak dikenal; perbaiki format "
                "nomor di Pengaturan surat atau di format surat."
            )
            % {"kode": code},
            SumberMasalah.FORMAT,
            code,
        )
        for code in raw_codes(nomor)
    ]
    return found


def _source(kode: str, kode_isian: Iterable[str]) -> str:
    if kode in kode_isian or kode in fields.FILLED_ON_FORM:
        return SumberMasalah.ISIAN
    if kode in fields.CAMAT_FIELDS:
        return SumberMasalah.PENGATURAN
    if kode in fields.VILLAGE_FIELDS:
        return SumberMasalah.PROFIL
    if kode in fields.RESIDENT_FIELDS:
        return SumberMasalah.PENDUDUK
    if kode in fields.SIGNER_FIELDS:
        return SumberMasalah.PENANDA_TANGAN
    return SumberMasalah.FORMAT


def _empty_message(kode: str, source: str, nama: str) -> str:
    params = {"kode": f"[{kode}]", "nama": nama}
    if source == SumberMasalah.PROFIL:
        text = gettext("Profil desa belum lengkap: %(nama)s belum diisi (dicetak oleh %(kode)s).")
    elif source == SumberMasalah.PENDUDUK:
        text = gettext("Data penduduk belum lengkap: %(nama)s kosong (dicetak oleh %(kode)s).")
    elif (
        source == SumberMasalah.ISIAN
        and (peran := fields.role_of(fields.ALIASES.get(kode, kode))) is not None
    ):
        params["peran"] = str(peran.nama)
        text = gettext("Data %(peran)s belum lengkap: %(nama)s kosong (dicetak oleh %(kode)s).")
    elif source == SumberMasalah.ISIAN:
        text = gettext("%(nama)s wajib diisi.")
    elif source == SumberMasalah.PENGATURAN:
        text = gettext("%(nama)s belum diisi di Pengaturan surat (dicetak oleh %(kode)s).")
    elif kode in ("mulai_berlaku", "berlaku_sampai"):
        text = gettext(
            "Format mencetak %(kode)s, tetapi masa berlakunya tidak dibatasi; atur masa "
            "berlaku atau hapus kode itu."
        )
    else:
        text = gettext("Kode %(kode)s dipakai format surat tetapi kosong.")
    return text % params


def _empty_problems(
    template: str,
    values: Mapping[str, str],
    kode_isian: list[dict],
    *,
    check_isian: bool,
) -> list[Masalah]:
    """Every field the template prints (and every required form field) must have a
    value; the NIP may not (:data:`fields.MAY_BE_EMPTY`), optional form fields may not."""
    specs = {str(f.get("kode", "")).strip("[]").lower(): f for f in kode_isian}
    found: list[Masalah] = []
    wanted = [k for k in specs if specs[k].get("required")] if check_isian else []
    wanted += sorted(merge.fields_used(template) - set(wanted))
    for kode in wanted:
        if kode not in values or kode in fields.ISSUE_FIELDS or kode in fields.MAY_BE_EMPTY:
            continue
        if str(values[kode]).strip():
            continue
        target = fields.ALIASES.get(kode, kode)  # an alias is the field it stands for
        spec = specs.get(target)
        if spec is not None and (not check_isian or not spec.get("required")):
            continue  # filled by the operator later, or optional
        if target in fields.SIGNER_FIELDS:
            continue  # said once by signer_problems
        if not check_isian and target in fields.FILLED_ON_FORM:
            continue  # the other people and the event: on the form, not filled yet
        source = _source(target, specs)
        nama = str(spec.get("nama") or target) if spec else fields.field_name(target)
        found.append(Masalah(_empty_message(kode, source, nama), source, kode))
    return found


def _doubled_problems(merged: str) -> list[Masalah]:
    plain = _text(merged)
    return [
        Masalah(
            gettext(
                "Surat memuat “%(teks)s”; perbaiki nama wilayah di data wilayah atau profil "
                "desa, atau kode di format surat."
            )
            % {"teks": m.group(0)},
            SumberMasalah.FORMAT,
        )
        for m in DOUBLED.finditer(plain)
    ]


def letter_problems(
    *,
    template: str,
    values: Mapping[str, str],
    merged: str,
    kode_isian: list[dict],
    nomor: str,
    ttd_nama: str,
    ttd_jabatan: str,
    check_isian: bool = True,
) -> list[Masalah]:
    """Everything that stops a letter, in the order the operator fixes it: signer,
    template codes, empty fields, doubled names. ``template`` is the cleaned template,
    ``merged`` the same with ``values`` merged; ``check_isian=False`` leaves the form
    fields out (before the operator filled them)."""
    found = signer_problems(nama=ttd_nama, jabatan=ttd_jabatan)
    found += _raw_code_problems(template, values, nomor)
    found += _empty_problems(template, values, kode_isian, check_isian=check_isian)
    found += _doubled_problems(merged)
    return list(dict.fromkeys(found))

"""NIK/KK checks shared by the form and the import (one rule set, two callers).

Hard rules (always errors): 16 digits. Structure findings (region prefix unknown,
DDMMYY not matching the birth date, the +40 rule for women) are reported separately so
the caller can treat them as warnings or errors per ``PengaturanPenduduk.nik_struktur``.
OpenSID's temporary numbers (``0`` + 10-digit village code + sequence) skip the
structure check: they carry no region or date.
"""

from __future__ import annotations

import re
from datetime import date

from django.apps import apps
from django.utils.translation import gettext as _

DIGITS16 = re.compile(r"^[0-9]{16}$")


def nomor_16_digit(value: str) -> bool:
    """Exactly 16 ASCII digits (``fullmatch``: ``$`` would accept a final newline)."""
    return bool(DIGITS16.fullmatch(value or ""))


def nomor_sementara(value: str) -> bool:
    return nomor_16_digit(value) and value.startswith("0")


def kabupaten_dikenal(kode: str) -> bool | None:
    """Whether a 4-digit kabupaten code exists in the reference data — in any edition
    of the Kemendagri list, since a NIK keeps the region code of its year of issue
    (Merauke's NIKs start 9101 though Merauke is 93.01 now).

    ``None`` means unknown (no reference data is loaded): the prefix check then passes,
    because missing reference data must not block a village's work. The reference app
    answers through its app config (village apps never import the control plane)."""
    try:
        config = apps.get_app_config("reference")
    except LookupError:
        return None
    known = getattr(config, "kabupaten_code_known", None)
    return known(kode) if callable(known) else None


def nik_temuan_struktur(
    nik: str,
    *,
    tanggallahir: date | None,
    sex: int | None,
    cache: dict[str, bool | None] | None = None,
) -> list[str]:
    """Structure findings for a 16-digit NIK (empty list = consistent). An import passes
    a ``cache`` dict so each region prefix is looked up once per file."""
    if not nomor_16_digit(nik) or nik.startswith("0"):
        return []
    findings: list[str] = []
    prefix = nik[:4]
    if cache is None:
        dikenal = kabupaten_dikenal(prefix)
    else:
        if prefix not in cache:
            cache[prefix] = kabupaten_dikenal(prefix)
        dikenal = cache[prefix]
    if dikenal is False:
        findings.append(_("Kode wilayah %(kode)s pada NIK tidak dikenal.") % {"kode": nik[:4]})
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if sex == 2 and day <= 40:
        findings.append(_("Tanggal lahir pada NIK perempuan seharusnya ditambah 40."))
    elif sex == 1 and day > 40:
        findings.append(_("Tanggal lahir pada NIK laki-laki tidak boleh lebih dari 31."))
    if tanggallahir is not None:
        if (day % 40, month, year) != (
            tanggallahir.day,
            tanggallahir.month,
            tanggallahir.year % 100,
        ):
            findings.append(_("Tanggal lahir pada NIK (DDMMYY) tidak sesuai dengan tanggal lahir."))
    return findings

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
from functools import lru_cache

from django.apps import apps
from django.db import connection
from django.utils.translation import gettext as _

DIGITS16 = re.compile(r"^[0-9]{16}$")


def nomor_16_digit(value: str) -> bool:
    """Exactly 16 ASCII digits (``fullmatch``: ``$`` would accept a final newline)."""
    return bool(DIGITS16.fullmatch(value or ""))


def nomor_sementara(value: str) -> bool:
    return nomor_16_digit(value) and value.startswith("0")


@lru_cache(maxsize=1)
def _reference_kabupaten() -> tuple[type, str] | None:
    """The reference-data model holding kabupaten codes, if that app provides one."""
    try:
        config = apps.get_app_config("reference")
    except LookupError:
        return None
    for model in config.get_models():
        name = model.__name__.lower()
        if "kabupaten" in name or "regency" in name or "kota" in name:
            for field in ("kode", "code", "id"):
                try:
                    model._meta.get_field(field)
                except Exception:  # noqa: BLE001, S112 - probe the next candidate name
                    continue
                return model, field
    return None


def kabupaten_dikenal(kode: str) -> bool | None:
    """Whether a 4-digit kabupaten code exists in the reference data.

    ``None`` means unknown (the reference table is absent or empty): the prefix check
    then passes, because missing reference data must not block a village's work."""
    found = _reference_kabupaten()
    if found is None:
        return None
    model, field = found
    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass(%s)", [f"public.{model._meta.db_table}"])
        if cur.fetchone()[0] is None:
            return None
    for candidate in {kode, f"{kode[:2]}.{kode[2:]}"}:
        if model.objects.filter(**{field: candidate}).exists():
            return True
    return None if not model.objects.exists() else False


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

import functools
import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

# What a masked role sees instead of a NIK or KK number: no digit at all. Digits 1–6 of
# a NIK are its region (the village's kecamatan for most residents), 7–12 the birth date
# (day + 40 for women), 13–16 a serial; a KK is region, date of issue and serial. The
# pages a viewer opens show the village, birth dates and sex, so 12 digits follow from
# them: any serial digit shown (the old mask kept the last four) completes the number.
TERSAMAR = "*" * 16
# A whole number inside free text (a field a resident typed, a participant card number):
# 16 digits or more, also spaced or dashed.
_NOMOR_DALAM_TEKS = re.compile(r"\d(?:[ .\-]?\d){15,}")


@register.filter
def samarkan(nomor: str, boleh_lihat: bool = False) -> str:
    """A NIK/KK number, or ``TERSAMAR`` unless the user may see it."""
    if boleh_lihat or not nomor:
        return nomor
    return TERSAMAR


@register.filter
def samarkan_teks(teks: object, boleh_lihat: bool = False) -> object:
    """Free text with every number of 16 digits or more masked, unless the user may see it."""
    if boleh_lihat or not isinstance(teks, str):
        return teks
    return _NOMOR_DALAM_TEKS.sub(TERSAMAR, teks)


@functools.cache
def _opsi(field: str) -> tuple[tuple[str, str], ...]:
    from village_apps.referensi import CODE_FIELDS

    return tuple((str(v), str(escape(label))) for v, label in CODE_FIELDS[field].choices)


@register.simple_tag
def opsi_kode(field: str, selected: str = "") -> str:
    """``<option>``s of one OpenSID code list, with the current filter selected.
    Built from a per-process cache: the list page renders ~16 of these (300+ options),
    which dominated its render time as a template loop."""
    parts = [f'<option value="">{escape(gettext("Semua"))}</option>']
    for value, label in _opsi(field):
        sel = " selected" if value == selected else ""
        parts.append(f'<option value="{value}"{sel}>{label}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - values are ints, labels escaped above

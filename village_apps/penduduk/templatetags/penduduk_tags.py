import functools

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter
def samarkan(nomor: str, boleh_lihat: bool = False) -> str:
    """A NIK/KK number, masked (``1801********0001``) unless the user may see it."""
    if boleh_lihat or not nomor:
        return nomor
    return f"{nomor[:4]}{'*' * max(0, len(nomor) - 8)}{nomor[-4:]}"


@functools.cache
def _opsi(field: str) -> tuple[tuple[str, str], ...]:
    from village_apps.penduduk.choices import CODE_FIELDS

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

"""``{{ p.wilayah|wilayah }}`` and ``{{ p.wilayah|alamat:p.alamat }}``: the one address
formatter (``village_apps.wilayah.alamat``) in templates."""

from __future__ import annotations

from typing import Any

from django import template

from village_apps.wilayah.alamat import address_line, unit_label, wilayah_label

register = template.Library()


@register.filter
def wilayah(rt: Any) -> str:
    """``Dusun Krajan, RW 002, RT 001`` (nothing for no unit)."""
    return wilayah_label(rt)


@register.filter
def alamat(rt: Any, jalan: str = "") -> str:
    """``Jl. Melati No. 5 RT 001 RW 002 Dusun Krajan``."""
    return address_line(jalan, rt)


@register.filter
def unit(nama: str, level: str) -> str:
    """One unit's label: ``{{ rw.nama|unit:"rw" }}`` → ``RW 002``."""
    return unit_label(nama, level)

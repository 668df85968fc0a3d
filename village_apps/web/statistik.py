"""Public population statistics, read through the kependudukan facade only.

Only aggregates cross this boundary (rows of counts per category value); no names,
NIK or addresses ever reach a public page. If the population app is not installed
(or has no facade yet) the pages say so instead of failing.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext_lazy

from village_apps.web.grafik import svg_batang


def _facade() -> ModuleType | None:
    try:
        return importlib.import_module("village_apps.penduduk.facade")
    except ImportError:
        return None


def statistik_kategori() -> list[tuple[str, str]]:
    """(kode, label) of every published category, in the facade's order."""
    facade = _facade()
    if facade is None:
        return []
    kategori: Any = getattr(facade, "STATISTIK_KATEGORI", {})
    if isinstance(kategori, dict):
        return [(str(k), str(v)) for k, v in kategori.items()]
    hasil = []
    for item in kategori:
        if isinstance(item, dict):
            hasil.append((str(item.get("kode")), str(item.get("label") or item.get("nama"))))
        elif isinstance(item, (tuple, list)):
            hasil.append((str(item[0]), str(item[1])))
        else:
            hasil.append((str(item), str(item).replace("_", " ").capitalize()))
    return hasil


@dataclass(frozen=True)
class TabelStatistik:
    kode: str
    label: str
    baris: list[dict]
    laki_laki: int
    perempuan: int
    jumlah: int
    grafik: SafeString


def statistik_tabel(kode: str) -> TabelStatistik | None:
    """One category's rows, totals and bar chart; None for an unknown category."""
    facade = _facade()
    label = dict(statistik_kategori()).get(kode)
    if facade is None or label is None:
        return None
    baris = [
        {
            "kode": r.get("kode", ""),
            "label": str(r.get("label", "")),
            "laki_laki": int(r.get("laki_laki") or 0),
            "perempuan": int(r.get("perempuan") or 0),
            "jumlah": int(r.get("jumlah") or 0),
        }
        for r in facade.statistik(kode)
    ]
    jumlah = sum(r["jumlah"] for r in baris)
    for r in baris:
        r["persen"] = round(100 * r["jumlah"] / jumlah, 1) if jumlah else 0.0
    return TabelStatistik(
        kode=kode,
        label=label,
        baris=baris,
        laki_laki=sum(r["laki_laki"] for r in baris),
        perempuan=sum(r["perempuan"] for r in baris),
        jumlah=jumlah,
        grafik=svg_batang(
            [(r["label"], r["jumlah"]) for r in baris], judul=label, satuan=" " + gettext("jiwa")
        ),
    )


LABEL_RINGKASAN = {
    "penduduk": pgettext_lazy("ringkasan", "Penduduk"),
    "jumlah_penduduk": pgettext_lazy("ringkasan", "Penduduk"),
    "laki_laki": pgettext_lazy("ringkasan", "Laki-laki"),
    "perempuan": pgettext_lazy("ringkasan", "Perempuan"),
    "keluarga": pgettext_lazy("ringkasan", "Keluarga"),
    "jumlah_keluarga": pgettext_lazy("ringkasan", "Keluarga"),
    "rumah_tangga": pgettext_lazy("ringkasan", "Rumah tangga"),
    "kelompok": pgettext_lazy("ringkasan", "Kelompok"),
    "wilayah": pgettext_lazy("ringkasan", "Wilayah"),
    "dusun": pgettext_lazy("ringkasan", "Dusun"),
}


def ringkasan_penduduk() -> list[tuple[str, Any]]:
    """Headline counts for the home page, as (label, value) pairs; empty without data."""
    facade = _facade()
    if facade is None or not hasattr(facade, "ringkasan"):
        return []
    data = facade.ringkasan()
    if not isinstance(data, dict):
        data = getattr(data, "__dict__", {}) or {}
    return [
        (LABEL_RINGKASAN.get(k, k.replace("_", " ").capitalize()), v)
        for k, v in data.items()
        if isinstance(v, (int, float)) and not isinstance(v, bool)
    ]

"""Reading a village's statistics through village facades only.

Every tenant app may expose ``snapshot_contributions() -> dict[str, list[dict]]`` in its
``facade.py``: category code → rows ``{kode, label, laki_laki, perempuan, jumlah}``
(``laki_laki``/``perempuan`` may be absent where sex does not apply). The population
app is also read through ``statistik(kategori)`` and ``ringkasan()`` when it has them.
Runs inside ``village_context``; the control plane never imports app internals.

Every row passes the disclosure policy on the way in: a special category (health,
disability, pregnancy, contraception) is collected only when the village turned it on
(``penduduk.facade.statistik_sensitif_aktif``), whichever facade offers it, so no
public output built from a snapshot can show it otherwise.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from balai_kernel.disclosure.policy import category_public
from control_plane.dashboards.categories import (
    POPULATION_CATEGORIES,
    POPULATION_KEY,
    SUMMARY,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Row:
    category: str
    key: str
    label: str
    laki_laki: int | None
    perempuan: int | None
    jumlah: int


def facade_modules() -> list[str]:
    """Facade modules to ask, in order: every tenant app's ``facade`` (overridable with
    the ``DASHBOARD_SNAPSHOT_FACADES`` setting)."""
    configured = getattr(settings, "DASHBOARD_SNAPSHOT_FACADES", None)
    if configured is not None:
        return list(configured)
    return [f"{app}.facade" for app in settings.TENANT_APPS if app.startswith("village_apps.")]


def facade_import(name: str) -> Any | None:
    """The facade module, or None when the app has none (yet)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            return None
        raise


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def _rows(category: str, items: Iterable[Mapping[str, Any]]) -> list[Row]:
    rows = []
    for item in items:
        raw = item.get("kode", item.get("key", ""))
        key = "belum_mengisi" if raw is None else str(raw).strip()
        if not key:
            continue
        male, female = _int(item.get("laki_laki")), _int(item.get("perempuan"))
        total = _int(item.get("jumlah"))
        if total is None:
            total = (male or 0) + (female or 0)
        rows.append(Row(category, key[:80], str(item.get("label", key))[:200], male, female, total))
    return rows


def _category_codes(facade: Any, enabled: frozenset[str]) -> list[str]:
    """The population categories this village publishes: those the facade offers that
    the disclosure policy lets out (special ones only when turned on)."""
    declared = getattr(facade, "STATISTIK_KATEGORI", None)
    if declared is None:
        offered = list(POPULATION_CATEGORIES)
    elif isinstance(declared, Mapping):
        offered = [str(k) for k in declared]
    else:
        offered = [str(c[0] if isinstance(c, list | tuple) else c) for c in declared]
    return [c for c in offered if category_public(c, enabled=enabled)]


def _sensitive_enabled() -> frozenset[str]:
    """Special categories the village turned on (none when the population app cannot
    say: then none is published)."""
    facade = facade_import("village_apps.penduduk.facade")
    enabled = getattr(facade, "statistik_sensitif_aktif", None) if facade else None
    return frozenset(enabled()) if callable(enabled) else frozenset()


EVENT_KEYS = (("lahir", "Lahir"), ("mati", "Mati"), ("datang", "Datang"), ("pindah", "Pindah"))


def _events(facade: Any) -> list[Row]:
    """This month's births, deaths, arrivals and departures (``laporan_bulanan``)."""
    today = timezone.localdate()
    report = facade.laporan_bulanan(today.year, today.month) or {}
    rows = []
    for key, label in EVENT_KEYS:
        cell = report.get(key)
        if isinstance(cell, Mapping):
            male, female = _int(cell.get("L")), _int(cell.get("P"))
            total = _int(cell.get("jumlah"))
            rows.append(Row("peristiwa", key, label, male, female, total or 0))
    return rows


def _population(facade: Any, enabled: frozenset[str]) -> list[Row]:
    rows: list[Row] = []
    if hasattr(facade, "ringkasan"):
        summary = facade.ringkasan() or {}
        if hasattr(summary, "__dict__") and not isinstance(summary, Mapping):
            summary = vars(summary)
        male, female = _int(summary.get("laki_laki")), _int(summary.get("perempuan"))
        total = _int(summary.get("penduduk", summary.get("jumlah")))
        if total is None and male is not None:
            total = male + (female or 0)
        if total is not None:
            rows.append(Row(SUMMARY, POPULATION_KEY, "Penduduk", male, female, total))
        for key, value in summary.items():
            if key in {"laki_laki", "perempuan", "penduduk", "jumlah"}:
                continue
            if isinstance(value, int) and not isinstance(value, bool):
                rows.append(
                    Row(SUMMARY, key, key.replace("_", " ").capitalize(), None, None, value)
                )
    if hasattr(facade, "statistik"):
        for code in _category_codes(facade, enabled):
            rows.extend(_rows(code, facade.statistik(code) or []))
    if hasattr(facade, "laporan_bulanan"):
        rows.extend(_events(facade))
    return rows


def village_rows_collect() -> tuple[list[Row], list[str]]:
    """All statistics of the current village and the facades that gave them.
    Later facades never overwrite a (category, key) an earlier one gave."""
    seen: dict[tuple[str, str], Row] = {}
    sources: list[str] = []
    enabled = _sensitive_enabled()
    for name in facade_modules():
        facade = facade_import(name)
        if facade is None:
            continue
        found: list[Row] = []
        if name.endswith("penduduk.facade"):
            found.extend(_population(facade, enabled))
        contribute = getattr(facade, "snapshot_contributions", None)
        if callable(contribute):
            for category, items in (contribute() or {}).items():
                found.extend(_rows(str(category)[:40], items))
        if found:
            sources.append(name)
        for row in found:
            if category_public(row.category, enabled=enabled):
                seen.setdefault((row.category, row.key), row)
    return list(seen.values()), sources

"""Reading a village's statistics through village facades only.

Every village app whose facade fulfils ``village_apps.contracts.SnapshotSource`` gives
``snapshot_contributions(publishable=...)``: category code → ``StatRow`` rows. Runs
inside ``village_context``; the control plane never imports app internals.

Every row passes the disclosure policy on the way in: a special category (health,
disability, pregnancy, contraception) is collected only when the village turned it on
(``Population.statistik_sensitif_aktif``), whichever facade offers it, so no public
output built from a snapshot can show it otherwise.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.conf import settings

from balai_kernel.disclosure.policy import category_public
from village_apps.contracts import Population, SnapshotSource, StatRow, facade_get, facades_offering

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Row:
    category: str
    key: str
    label: str
    laki_laki: int | None
    perempuan: int | None
    jumlah: int


def snapshot_sources() -> list[tuple[str, SnapshotSource]]:
    """``(module name, facade)`` to ask, in order: every village app fulfilling
    ``SnapshotSource`` (the ``DASHBOARD_SNAPSHOT_FACADES`` setting, a list of module
    names, replaces them in tests)."""
    configured = getattr(settings, "DASHBOARD_SNAPSHOT_FACADES", None)
    if configured is not None:
        return [(name, cast(SnapshotSource, importlib.import_module(name))) for name in configured]
    return list(facades_offering(SnapshotSource))


def _int(value: int | None) -> int | None:
    return None if value is None else int(value)


def _rows(category: str, items: Iterable[StatRow]) -> list[Row]:
    rows = []
    for item in items:
        key = "belum_mengisi" if item.kode is None else str(item.kode).strip()
        if not key:
            continue
        male, female = _int(item.laki_laki), _int(item.perempuan)
        total = item.jumlah if item.jumlah is not None else (male or 0) + (female or 0)
        rows.append(Row(category, key[:80], str(item.label or key)[:200], male, female, total))
    return rows


def _sensitive_enabled() -> frozenset[str]:
    """Special categories the village turned on."""
    return frozenset(facade_get("penduduk", Population).statistik_sensitif_aktif())


def village_rows_collect() -> tuple[list[Row], list[str]]:
    """All statistics of the current village and the facades that gave them.
    Later facades never overwrite a (category, key) an earlier one gave."""
    seen: dict[tuple[str, str], Row] = {}
    sources: list[str] = []
    enabled = _sensitive_enabled()
    publishable = functools.partial(category_public, enabled=enabled)
    for name, facade in snapshot_sources():
        found: list[Row] = []
        for category, items in facade.snapshot_contributions(publishable=publishable).items():
            found.extend(_rows(str(category)[:40], items))
        if found:
            sources.append(name)
        for row in found:
            if category_public(row.category, enabled=enabled):
                seen.setdefault((row.category, row.key), row)
    return list(seen.values()), sources

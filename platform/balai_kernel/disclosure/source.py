"""How a village app reads the public numbers of its own village.

The control plane decides, once per province, which cells every public output hides
(``suppression``), and stores the result with the village's published snapshot. A
village page that showed its own live counts with a suppression of its own would hide
other cells than the open-data API does for the same table, and the two outputs
together would give the hidden cells away; so the village website shows exactly the
stored public cells. Village apps must not import the control plane, so the control
plane registers the reader here at start-up (``public_source_register``) and village
apps call ``public_source()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from balai_kernel.disclosure.policy import Count


@dataclass(frozen=True)
class PublicRow:
    """One row of a public table: its key, label (as stored: Indonesian) and cells,
    each a number or a mark (``"<5"``, ``"x"``)."""

    key: str
    label: str
    laki_laki: Count
    perempuan: Count
    jumlah: Count


@dataclass(frozen=True)
class PublicTable:
    """A category of one village. ``total`` is the row its keys add up to (the
    village's population for categories that partition it), as published; None when
    the keys add up to nothing published."""

    category: str
    rows: tuple[PublicRow, ...]
    total: PublicRow | None = None


@dataclass(frozen=True)
class VillageStatistics:
    """What a village may show about itself. ``open`` is False when its kabupaten
    closed public data below kabupaten level: then nothing is shown at all."""

    open: bool
    tables: Mapping[str, PublicTable] = field(default_factory=dict)
    generated_at: datetime | None = None


class PublicSource(Protocol):
    def village_statistics(self, *, village_id: int, kabupaten_code: str) -> VillageStatistics:
        """The published statistics of one village (none while its kabupaten is closed)."""

    def kabupaten_open(self, kabupaten_code: str) -> bool:
        """Whether the kabupaten publishes data below kabupaten level."""

    def kabupaten_version(self, kabupaten_code: str) -> str:
        """A token that changes when the kabupaten opens or closes: cached public pages
        carry it in their key, so a closed kabupaten's villages stop showing numbers at
        once instead of when their cached copy expires (no database query)."""


_registered: list[PublicSource] = []


def public_source_register(source: PublicSource) -> None:
    """Called once by the control plane's dashboards app when Django starts."""
    _registered[:] = [source]


def public_source() -> PublicSource:
    """The registered reader. Without one nothing may be published, so this fails loudly
    instead of letting a page fall back to unprotected numbers."""
    if not _registered:
        raise RuntimeError("no public statistics source registered (control_plane.dashboards)")
    return _registered[0]

"""What the rest of Balai may call in the village-assets module (inside a village
context): the rows of the Buku Inventaris dan Kekayaan Desa."""

from __future__ import annotations

from village_apps.inventaris.selectors import BarisInventaris, inventaris_buku

__all__ = ["BarisInventaris", "inventaris_buku"]

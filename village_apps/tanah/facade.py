"""What the rest of Balai may call in the land module (inside a village context): the
rows of the Buku Tanah di Desa and the Buku Tanah Kas Desa."""

from __future__ import annotations

from village_apps.tanah.selectors import tanah_desa_list, tanah_kas_desa_list

__all__ = ["tanah_desa_list", "tanah_kas_desa_list"]

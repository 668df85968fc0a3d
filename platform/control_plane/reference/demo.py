"""Demo data: the reference set, loaded once (a few seconds) if missing."""

from __future__ import annotations

from control_plane.reference.selectors import wilayah_is_loaded
from control_plane.reference.services import edition_load


def load_demo(*, villages: list) -> None:
    if not wilayah_is_loaded():
        edition_load()

"""Code lists of the OpenSID import: its job status is the resident import's
(the same life cycle and the same words on screen)."""

from village_apps.penduduk.choices import StatusImpor

__all__ = ["StatusImpor"]

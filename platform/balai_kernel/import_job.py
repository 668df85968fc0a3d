"""One life cycle for the background imports (the resident workbook and the OpenSID
backup): waiting → running → done | failed, nothing after done or failed.

The jobs are rows of each app's own model (their files and reports differ); this
module owns only the states and the moves between them, so both imports claim, retry
and finish a job the same way. A move is one conditional UPDATE, so two workers
never both take a job, and a finished job is never reopened. The state values are
the ``status`` values stored by both apps (``penduduk.choices.StatusImpor``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ImportState(StrEnum):
    WAITING = "menunggu"
    RUNNING = "berjalan"
    DONE = "selesai"
    FAILED = "gagal"


OPEN = frozenset({ImportState.WAITING, ImportState.RUNNING})
TRANSITIONS: dict[ImportState, frozenset[ImportState]] = {
    # A running job may be taken over by the next attempt (its worker died).
    ImportState.WAITING: frozenset({ImportState.RUNNING, ImportState.FAILED}),
    ImportState.RUNNING: frozenset({ImportState.RUNNING, ImportState.DONE, ImportState.FAILED}),
    ImportState.DONE: frozenset(),
    ImportState.FAILED: frozenset(),
}


class ImportStateError(ValueError):
    """A move the life cycle does not allow (a programming error)."""


def import_job_open(status: str) -> bool:
    """Whether a job still has to run (waiting, or running and perhaps abandoned)."""
    return status in OPEN


def import_job_move(current: str, to: str) -> ImportState:
    """``to`` when the life cycle allows ``current → to``, else ``ImportStateError``."""
    if ImportState(to) not in TRANSITIONS[ImportState(current)]:
        raise ImportStateError(f"{current} → {to}")
    return ImportState(to)


def import_job_start(queryset: Any, *, pk: int, **fields: Any) -> bool:
    """Mark an open job running (with ``fields``, e.g. progress reset); False when it
    was finished meanwhile."""
    return bool(
        queryset.filter(pk=pk, status__in=list(OPEN)).update(status=ImportState.RUNNING, **fields)
    )


def import_job_finish(queryset: Any, *, pk: int, ok: bool, **fields: Any) -> bool:
    """Mark an open job done (``ok``) or failed, with its report in ``fields``; False
    when it was already finished (a finished job keeps its first report)."""
    state = ImportState.DONE if ok else ImportState.FAILED
    return bool(queryset.filter(pk=pk, status__in=list(OPEN)).update(status=state, **fields))

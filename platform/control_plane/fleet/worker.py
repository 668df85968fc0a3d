"""Entry points of the runner's worker processes.

Kept free of model imports at module level: a spawned worker unpickles its
initializer (and its arguments) before Django is set up, so the programs travel as
plain dicts and the runner is imported only after ``django.setup()``.
"""

from __future__ import annotations

_programs: dict = {}


def worker_init(database_name: str, programs: dict[str, dict]) -> None:
    """Process-pool initializer: Django, the run's database and its compiled programs."""
    import django

    django.setup()
    from django.db import connections

    from control_plane.fleet.runner import Program

    connections["default"].settings_dict["NAME"] = database_name
    _programs.clear()
    _programs.update({source: Program(**p) for source, p in programs.items()})


def worker_chunk(run_id: int, village_ids: list[int], release: str) -> dict[str, int]:
    from control_plane.fleet.runner import chunk_apply

    return chunk_apply(run_id=run_id, village_ids=village_ids, programs=_programs, release=release)

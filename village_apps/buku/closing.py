"""Query helpers for books whose periods close: the candidates for late entries."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from village_apps.buku.registry import Periode


def late_entries_q(
    *, closings: dict[str, datetime], periode: Periode, date_field: str, recorded_field: str
) -> Q:
    """Entries of the period by date, plus the candidates for late entries of earlier
    closed periods (filter them with :func:`entry_periode_get`)."""
    in_period = Q(**{f"{date_field}__gte": periode.start, f"{date_field}__lte": periode.end})
    if not closings:
        return in_period
    return in_period | Q(
        **{f"{date_field}__lt": periode.start, f"{recorded_field}__gt": min(closings.values())}
    )

"""What the village apps' demo loaders (``<app>/demo.py``, the ``DemoData`` contract)
share: who writes the demo rows, and dates of the current year.

The registers open on the current year, so demo rows dated "some months ago" would
leave them empty in January; dates placed along the part of the year already gone
fill them whenever the demo is loaded, and never lie in the future (where services
refuse them: a letter received tomorrow, a cadre born next week)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from balai_kernel.actor import Actor

DEMO_ACTOR = Actor.named("demo")


def demo_date(fraction: float) -> dt.date:
    """The day ``fraction`` (0 to 1) of the way from 1 January to today."""
    today = timezone.localdate()
    start = dt.date(today.year, 1, 1)
    return start + dt.timedelta(days=int((today - start).days * fraction))

"""Entering a village's schema outside a request (tasks, commands, fan-out jobs).

Code that runs outside a request takes a village identifier and enters the tenant
context itself; it never relies on whatever schema the connection last served.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django_tenants.utils import schema_context, tenant_context

from balai_site.observability import set_village_context, village_var
from tenants.models import Village
from tenants.recycle import connection_recycle, village_touch


def village_get(ref: Village | str | int) -> Village:
    """Find a village by instance, slug or id — always from the public schema."""
    if isinstance(ref, Village):
        return ref
    with schema_context("public"):
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit() and len(ref) != 10):
            return Village.objects.get(pk=int(ref))
        if isinstance(ref, str) and len(ref) == 10 and ref.isdigit():
            return Village.objects.exclude(status__in=["rejected", "failed"]).get(code=ref)
        return Village.objects.get(slug=ref)


@contextmanager
def village_context(ref: Village | str | int) -> Iterator[Village]:
    """Run the block in the village's schema, restoring the previous schema after."""
    village = village_get(ref)
    token = village_var.set(village.slug)
    try:
        with tenant_context(village):
            village_touch(village.schema_name)
            set_village_context(village.slug)
            yield village
    finally:
        village_var.reset(token)
        connection_recycle()  # fan-out jobs walk many villages on one pooled connection


def in_village[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Decorator for tasks whose first keyword argument ``village`` names the village.

    The connection is switched to that village for the task and back to public after,
    whatever schema it served before (tasks run on pooled worker connections).
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> R:
        ref = kwargs.pop("village")
        connection.set_schema_to_public()
        try:
            with village_context(ref) as village:
                return func(*args, village=village, **kwargs)
        finally:
            connection.set_schema_to_public()

    return wrapper  # type: ignore[return-value]

"""Entering a village's schema outside a request (tasks, commands, fan-out jobs).

Code that runs outside a request takes a village identifier and enters the tenant
context itself; it never relies on whatever schema the connection last served.

This module also holds the village of the current request or job (``village_var``):
log lines and Sentry events read it (``balai_site.observability``), tenants never
imports the site package. It imports no model at module level, so the logging
configuration can read the variable before the app registry is ready.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import connection
from django_tenants.utils import schema_context, tenant_context

from tenants.recycle import connection_recycle, village_touch

if TYPE_CHECKING:
    from tenants.models import Village

#: The village the current request or job serves (``-`` for none): log lines carry it.
village_var: contextvars.ContextVar[str] = contextvars.ContextVar("village", default="-")

_village_listeners: list[Callable[[str], None]] = []


def village_listener_add(listener: Callable[[str], None]) -> None:
    """Call ``listener(slug)`` whenever code enters a village (Sentry tags the village
    this way); the site package registers it, tenants knows nothing of Sentry."""
    if listener not in _village_listeners:
        _village_listeners.append(listener)


def set_village_context(slug: str) -> None:
    """Called by routing and task wrappers so log lines (and Sentry events) name the village."""
    village_var.set(slug)
    for listener in _village_listeners:
        listener(slug)


def village_get(ref: Village | str | int) -> Village:
    """Find a village by instance, slug or id — always from the public schema."""
    from tenants.models import Village

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

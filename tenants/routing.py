"""Host → village resolution with an in-process cache.

django-tenants' stock middleware queries the domain table on every request. Here a
bounded LRU with a TTL answers warm requests with no query at all. Correctness
across processes comes from ``RoutingState.generation``: writers bump it (on commit)
when a village or domain changes, and each process compares it at most once per
``ROUTING_GENERATION_CHECK_SECONDS``, dropping its cache when it moved. The local
process drops its cache immediately.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from tenants.choices import DomainStatus
from tenants.models import Domain, RoutingState, Village

_MISSING = object()
NEGATIVE_TTL = 30.0


class RoutingCache:
    """Thread-safe LRU of host → Village (or None for unknown hosts)."""

    def __init__(self, maxsize: int, ttl: float) -> None:
        self.maxsize = maxsize
        self.ttl = ttl
        self._data: OrderedDict[str, tuple[float, Village | None]] = OrderedDict()
        self._lock = threading.Lock()
        self.generation: int | None = None
        self.checked_at = 0.0

    def get(self, host: str, now: float) -> Any:
        with self._lock:
            item = self._data.get(host)
            if item is None:
                return _MISSING
            expires, village = item
            if expires < now:
                del self._data[host]
                return _MISSING
            self._data.move_to_end(host)
            return village

    def put(self, host: str, village: Village | None, now: float) -> None:
        ttl = self.ttl if village is not None else min(self.ttl, NEGATIVE_TTL)
        with self._lock:
            self._data[host] = (now + ttl, village)
            self._data.move_to_end(host)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


cache = RoutingCache(settings.ROUTING_CACHE_SIZE, settings.ROUTING_CACHE_TTL)


def _public() -> None:
    """Lookups below read public tables; switch only when the connection is elsewhere."""
    if connection.schema_name != "public":
        connection.set_schema_to_public()


def _read_generation() -> int:
    _public()
    row = RoutingState.objects.filter(pk=1).values_list("generation", flat=True).first()
    return row or 0


def _check_interval() -> float:
    return settings.ROUTING_GENERATION_CHECK_SECONDS


def _check_generation(now: float) -> None:
    generation = _read_generation()
    if cache.generation is not None and generation != cache.generation:
        cache.clear()
    cache.generation = generation
    cache.checked_at = now


def _lookup(host: str) -> Village | None:
    _public()
    suffix = "." + settings.BALAI_DOMAIN
    if host.endswith(suffix):
        slug = host[: -len(suffix)]
        if "." not in slug:
            return Village.objects.filter(slug=slug).first()
    # Only a domain whose ownership is proven routes (tenants.domains); a pending or
    # failed claim answers like an unknown host.
    domain = (
        Domain.objects.select_related("tenant")
        .filter(domain=host, status=DomainStatus.VERIFIED)
        .first()
    )
    return domain.tenant if domain else None


def resolve(host: str) -> Village | None:
    """Return the village for a host (any status), or None. Queries only on a cache miss."""
    now = time.monotonic()
    if now - cache.checked_at >= _check_interval():
        _check_generation(now)
    hit = cache.get(host, now)
    if hit is not _MISSING:
        return hit
    village = _lookup(host)
    cache.put(host, village, now)
    return village


def invalidate() -> None:
    """Drop this process's cache now and tell every other process after commit."""
    cache.clear()

    def bump() -> None:
        with connection.cursor() as cur:
            cur.execute(
                "INSERT INTO tenants_routingstate (id, generation) VALUES (1, 1) "
                "ON CONFLICT (id) DO UPDATE SET generation = tenants_routingstate.generation + 1"
            )
        cache.clear()

    transaction.on_commit(bump)

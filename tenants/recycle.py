"""Bounded PostgreSQL backend memory: a connection is recycled after K villages.

A PostgreSQL backend caches the catalog entries of every relation it has opened and
never gives them back: measured at 2,640 villages, a connection that queried three
tables in each held 344 MB of ``CacheMemoryContext`` (≈130 KB per village), and with
persistent connections (``DB_CONN_MAX_AGE``) and traffic spread over all villages
every pooled connection converges to that size. So each connection counts the
distinct village schemas it has served; once that exceeds
``DB_RECYCLE_AFTER_VILLAGES`` it is closed at the next safe point — the end of a
request, or leaving a village context outside a transaction — and the next use opens
a fresh backend. 0 turns recycling off. The default comes from ``bench/scale.py``
(see docs/operations.md, "Measured limits").
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver

_ATTR = "_balai_villages_touched"


def village_touch(schema_name: str, conn: Any | None = None) -> None:
    """Count ``schema_name`` as served by ``conn`` (default: Django's default connection)."""
    conn = conn if conn is not None else connections[DEFAULT_DB_ALIAS]
    touched = conn.__dict__.get(_ATTR)
    if touched is None:
        touched = conn.__dict__[_ATTR] = set()
    touched.add(schema_name)


def villages_touched(conn: Any) -> int:
    return len(conn.__dict__.get(_ATTR) or ())


def connection_recycle(conn: Any | None = None) -> bool:
    """Close ``conn`` (default: Django's default connection) when it has served more
    than ``DB_RECYCLE_AFTER_VILLAGES`` villages and no transaction is open; True if closed."""
    limit = settings.DB_RECYCLE_AFTER_VILLAGES
    conn = conn if conn is not None else connections[DEFAULT_DB_ALIAS]
    if not limit or villages_touched(conn) <= limit or conn.in_atomic_block:
        return False
    conn.close()
    conn.__dict__[_ATTR] = set()
    return True


@receiver(connection_created)
def _new_backend(sender: Any, connection: Any, **kwargs: Any) -> None:
    connection.__dict__[_ATTR] = set()


@receiver(request_finished)
def _request_finished(sender: Any, **kwargs: Any) -> None:
    connection_recycle()

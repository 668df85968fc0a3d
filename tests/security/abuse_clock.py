"""A controllable clock for abuse limits: ``balai_kernel.abuse.clock`` and the expiry of the
``ratelimit`` cache follow the same fake time, which moves only when a test says so.

Windows and locks then never end while a test is still making its attempts, however slow
the machine or the PIN hashing, and "after the window" is one call instead of a sleep.
Import the fixture where it is used (``from tests.security.abuse_clock import
abuse_clock_fixture``); tests ask for it as ``abuse_clock``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

from balai_kernel import abuse


class Clock:
    """Fake epoch seconds, starting at the real time and moved by :meth:`advance`."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class ClockedLocMemCache(LocMemCache):
    """Django's local-memory cache with expiry measured on ``abuse.clock``."""

    def get_backend_timeout(self, timeout: float | None = DEFAULT_TIMEOUT) -> float | None:  # type: ignore[override]
        if timeout == DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        elif timeout == 0:
            timeout = -1
        return None if timeout is None else abuse.clock() + timeout

    def _has_expired(self, key: str) -> bool:
        expires = self._expire_info.get(key, -1)
        return expires is not None and expires <= abuse.clock()


@pytest.fixture(name="abuse_clock")
def abuse_clock_fixture(settings, monkeypatch) -> Iterator[Clock]:
    clock = Clock()
    monkeypatch.setattr(abuse, "clock", clock)
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            **settings.CACHES["ratelimit"],
            "BACKEND": f"{__name__}.ClockedLocMemCache",
            "LOCATION": "balai-ratelimit-clocked",
        },
    }
    caches["ratelimit"].clear()
    yield clock
    caches["ratelimit"].clear()

"""pyHanko's synchronous API runs its coroutines with ``asyncio.run``, which refuses
to start inside a thread whose event loop is running (an async view's thread, or a
test process driving Playwright's sync API). ``off_loop`` then runs the call in a
short-lived worker thread; otherwise in place. Only for pure computations (no
database): the worker thread has its own connection state."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor


def off_loop[T](fn: Callable[[], T]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()

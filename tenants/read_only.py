"""Which requests a suspended (read-only) village still answers.

A suspended village stays readable (docs/operations.md): ``ReadOnlyVillageMiddleware``
refuses every unsafe method with 403, except on views declared with
:func:`read_only_allowed` — views whose POST does not write village data (signing in and
out, the language switch), so that the village's own people can still reach, read and
export their data. Whether a page's form would be refused is :func:`post_refused`, which
templates and the sweep test use to show the read-only notice instead of a form that
can only fail.
"""

from __future__ import annotations

from collections.abc import Callable

_MARK = "balai_read_only_allowed"


def read_only_allowed(view: Callable) -> Callable:
    """Declares that ``view``'s unsafe methods write no village data (sessions, sign-in
    counters and their audit rows are bookkeeping, not the village's records)."""
    setattr(view, _MARK, True)
    return view


def is_read_only_allowed(view: Callable) -> bool:
    """Whether ``view`` (a function, a wrapped function or ``as_view()``) was declared
    with :func:`read_only_allowed`."""
    if getattr(view, _MARK, False):
        return True
    view_class = getattr(view, "view_class", None)
    return bool(view_class is not None and getattr(view_class, _MARK, False))

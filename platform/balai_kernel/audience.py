"""Marks on views that are open without a staff role, so that every view of a URLconf
declares who it accepts (the control plane's sweep:
``tests/control_plane/accounts/test_declarations.py``). Staff pages declare their roles
through ``control_plane.accounts.permissions.staff_required``; this module is in the
kernel so that any control-plane app can mark its public views without importing the
accounts app (which imports some of them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

PUBLIC = "public"  # anyone: public data, the landing page, sign-up, links that carry a token
SIGN_IN = "sign-in"  # a session part way through signing in (the second-factor code)
ATTRIBUTE = "balai_audience"

View = TypeVar("View", bound=Callable)


def open_to(audience: str) -> Callable[[View], View]:
    """Declare a view (function or class) open without a staff role: ``PUBLIC`` or
    ``SIGN_IN``. Whatever it shows beyond public data it checks itself (a token, a
    signature, the role-aware dashboard access)."""
    if audience not in (PUBLIC, SIGN_IN):
        raise ValueError(audience)

    def mark(view: View) -> View:
        setattr(view, ATTRIBUTE, audience)
        return view

    return mark


def declared(view: Callable, attribute: str) -> Any:
    """A declaration on a view function or, for ``as_view()``, on its class."""
    found = getattr(view, attribute, None)
    return (
        found if found is not None else getattr(getattr(view, "view_class", None), attribute, None)
    )


def audience_of(view: Callable) -> str | None:
    return declared(view, ATTRIBUTE)

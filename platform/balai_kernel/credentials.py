"""Marks on views that change a credential (password, e-mail address, second-factor
device, PIN). The mark is what ``tests/security/test_credential_changes.py`` finds when it
walks every URLconf: each marked view is checked for its rule, and a view that writes a
credential without the mark fails that test.

- ``SESSION``: the change is made from a logged-in session. On the control plane that
  session must have passed the second factor whenever its user has or needs one
  (``control_plane.accounts.permissions.credential_change``).
- ``TOKEN``: the change is made through a one-time link e-mailed to the account (password
  reset, first password). No session is needed; the change ends every session of the
  account (Django keeps a fingerprint of the password hash in each session).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

SESSION = "session"
TOKEN = "token"  # noqa: S105 - a kind of view, not a secret
ATTRIBUTE = "credential_change"

View = TypeVar("View", bound=Callable)


def changes_credentials(kind: str) -> Callable[[View], View]:
    """Mark a view function or view class as changing credentials (``SESSION``/``TOKEN``)."""
    if kind not in (SESSION, TOKEN):
        raise ValueError(kind)

    def mark(view: View) -> View:
        setattr(view, ATTRIBUTE, kind)
        return view

    return mark


def credential_kind(callback: Callable) -> str | None:
    """The mark of a resolved URL's callback (function views, or ``as_view()`` classes)."""
    kind = getattr(callback, ATTRIBUTE, None)
    if kind is None:
        kind = getattr(getattr(callback, "view_class", None), ATTRIBUTE, None)
    return kind


def password_change_step(request: Any, *, update: Callable[..., Any]) -> tuple[bool, Any]:
    """The own-password page of a ``SESSION`` view: with the current password,
    ``update(password=…)`` (the caller's audited service) sets the new one. Returns
    ``(True, form)`` once changed — this session stays, the user's other sessions end
    (their fingerprint of the old hash no longer matches) — else ``(False, form)``."""
    from django.contrib import messages
    from django.contrib.auth import update_session_auth_hash
    from django.contrib.auth.forms import PasswordChangeForm
    from django.utils.translation import gettext as _

    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = update(password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Kata sandi diganti. Sesi lain akun ini sudah diakhiri."))
        return True, form
    return False, form

"""Ending a user's sessions at once, in the schema the connection is on: the public
schema for a control-plane user, a village's for its staff (each keeps its own
``django_session`` table, so an id names one user in one place)."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def sessions_end(*, user_id: int) -> int:
    """Delete every unexpired session signed in as ``user_id`` (its next request is
    anonymous) and return how many. Sessions are scanned and decoded: a village or the
    control plane has few open ones, and the database backend stores the user only inside
    the signed payload. Call it in the transaction that deactivates the account, so both
    happen or neither does."""
    ended = [
        s.session_key
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get(SESSION_KEY)) == str(user_id)
    ]
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)

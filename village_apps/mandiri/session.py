"""The resident's self-service session: its own keys in the village session, never the
operator's authentication. Expires after idle time and after an absolute limit."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

KEY_ID = "mandiri_penduduk_id"
KEY_START = "mandiri_mulai"
KEY_SEEN = "mandiri_aktif"
IDLE_SECONDS = 15 * 60
ABSOLUTE_SECONDS = 2 * 3600


def session_start(request: HttpRequest, *, penduduk_id: int) -> None:
    request.session.cycle_key()  # a fresh session id at login (no fixation)
    now = int(time.time())
    request.session[KEY_ID] = penduduk_id
    request.session[KEY_START] = now
    request.session[KEY_SEEN] = now


def session_end(request: HttpRequest) -> None:
    for key in (KEY_ID, KEY_START, KEY_SEEN):
        request.session.pop(key, None)


def current_resident_id(request: HttpRequest) -> int | None:
    """The logged-in resident's id, or ``None`` (ending an expired session)."""
    penduduk_id = request.session.get(KEY_ID)
    if penduduk_id is None:
        return None
    now = int(time.time())
    if (
        now - request.session.get(KEY_SEEN, 0) > IDLE_SECONDS
        or now - request.session.get(KEY_START, 0) > ABSOLUTE_SECONDS
    ):
        session_end(request)
        return None
    request.session[KEY_SEEN] = now
    return int(penduduk_id)


def resident_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resident pages: a live self-service session, else the PIN login page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        penduduk_id = current_resident_id(request)
        if penduduk_id is None:
            return redirect("mandiri:masuk")
        request.penduduk_id = penduduk_id  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper

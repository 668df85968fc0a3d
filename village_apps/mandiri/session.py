"""The resident's self-service session: its own keys in the village session, never the
operator's authentication. Expires after idle time and after an absolute limit, and
ends as soon as the resident's PIN changes (a new PIN issued by the operator, or any
other path that rewrites ``PinWarga.pin_hash``), the PIN is removed, or the resident is
no longer active: the session holds a keyed fingerprint of the PIN hash it was opened
with, as Django's sessions hold one of the password hash."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.crypto import constant_time_compare, salted_hmac

from village_apps.akun.permissions import resident_view

KEY_ID = "mandiri_penduduk_id"
KEY_START = "mandiri_mulai"
KEY_SEEN = "mandiri_aktif"
KEY_PIN = "mandiri_pin"
IDLE_SECONDS = 15 * 60
ABSOLUTE_SECONDS = 2 * 3600


def _pin_stamp(penduduk_id: int) -> str | None:
    """A fingerprint of the resident's current PIN hash (``None``: no PIN, or the
    resident is not active). Keyed with ``SECRET_KEY``: the session never holds the hash."""
    from village_apps.mandiri.models import PinWarga

    pin_hash = (
        PinWarga.objects.filter(penduduk_id=penduduk_id, penduduk__status_dasar=1)
        .values_list("pin_hash", flat=True)
        .first()
    )
    if pin_hash is None:
        return None
    return salted_hmac("balai.mandiri.session", pin_hash, algorithm="sha256").hexdigest()


def session_start(request: HttpRequest, *, penduduk_id: int) -> None:
    request.session.cycle_key()  # a fresh session id at login (no fixation)
    now = int(time.time())
    request.session[KEY_ID] = penduduk_id
    request.session[KEY_START] = now
    request.session[KEY_SEEN] = now
    request.session[KEY_PIN] = _pin_stamp(penduduk_id)


def session_end(request: HttpRequest) -> None:
    for key in (KEY_ID, KEY_START, KEY_SEEN, KEY_PIN):
        request.session.pop(key, None)


def current_resident_id(request: HttpRequest) -> int | None:
    """The logged-in resident's id, or ``None`` (ending an expired session, or one
    opened with a PIN that is no longer the resident's)."""
    penduduk_id = request.session.get(KEY_ID)
    if penduduk_id is None:
        return None
    now = int(time.time())
    stamp = _pin_stamp(int(penduduk_id))
    if (
        now - request.session.get(KEY_SEEN, 0) > IDLE_SECONDS
        or now - request.session.get(KEY_START, 0) > ABSOLUTE_SECONDS
        or stamp is None
        or not constant_time_compare(stamp, request.session.get(KEY_PIN) or "")
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

    return resident_view(wrapper)

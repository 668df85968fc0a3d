"""The control plane's second-factor gate, in front of every view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from control_plane.accounts.permissions import ENROL, second_factor_redirect, second_factor_step

# What a half-logged-in session (password passed, second factor not yet) may open.
OPEN_WHILE_VERIFYING = frozenset({"accounts:otp", "accounts:logout", "set_language"})
# A user who must enrol (role needs a second factor, no device yet) may also enrol.
OPEN_WHILE_ENROLLING = OPEN_WHILE_VERIFYING | {"accounts:otp_enrol"}


class SecondFactorMiddleware:
    """Control plane: a session whose user has (or whose role needs) a second factor,
    but which has passed only the password, reaches nothing but the code step, the first
    enrolment when the user has no device, log-out and the language switch. Any other
    page answers GET with the code step and other methods with 403, public pages
    included. One gate for every URL, so a view added later cannot forget it; the view
    decorators (``staff_required``, ``credential_change``) check the same again.

    Installed after ``OTPMiddleware``. Village hosts pass untouched: village staff are
    gated by ``village_apps.akun.permissions`` in front of every back-office view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        step = second_factor_step(request)
        if step is None:
            return None
        match = request.resolver_match
        allowed = OPEN_WHILE_ENROLLING if step == ENROL else OPEN_WHILE_VERIFYING
        if match is not None and match.view_name in allowed:
            return None
        return second_factor_redirect(request, step)

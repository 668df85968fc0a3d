"""Abuse limits: attempt counters and temporary lockouts, shared by every web process.

Logins (control plane, village operators, layanan mandiri) count *failed* attempts per
account and per client address; public forms (sign-up, complaints) count every
submission per address. When a counter reaches its limit the subject is locked for
one period; while locked every attempt is refused, a correct password included.

Counters live in the ``ratelimit`` cache: Redis when ``REDIS_URL`` is set, so all
gunicorn workers and pods count together (local memory otherwise, which only suits
development and a single process).

Tenant isolation: every key carries the schema of the current request (``public``
for the control plane, the village schema otherwise), so a flood on one village never
locks an address or an account name out of another village, and two villages' "admin"
accounts have two counters. The ``ratelimit`` cache's key function adds the schema a
second time, for the django-ratelimit decorators too.

No personal data in keys or logs: account names and addresses enter keys only as an
HMAC (keyed with ``SECRET_KEY``), and log lines show a short prefix of that digest.

One counter per account, whatever its spelling: an account name is counted by
:func:`account_key`, which applies the same normalisation the login forms apply before
they look the account up (strip, then NFKC, as Django's ``UsernameField`` does), then
case-folds. Every spelling that logs in as ``admin`` (``ａdmin`` in fullwidth letters,
``𝐚𝐝𝐦𝐢𝐧``, `` admin ``, ``ADMIN``) therefore shares ``admin``'s counter and lock.

Time comes from :func:`clock` (tests replace it, together with the cache's clock, to
move time forward without sleeping).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import math
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.net import client_address

logger = logging.getLogger("balai.abuse")

ACCOUNT = "account"
ADDRESS = "address"
_PERIOD = re.compile(r"^(\d+)/(\d*)([smh])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}


@dataclass(frozen=True)
class Rule:
    """``attempts`` counted attempts within ``seconds`` lock the subject for ``seconds``."""

    endpoint: str
    kind: str
    attempts: int
    seconds: int


@dataclass(frozen=True)
class Refusal:
    """Why an attempt is refused now: which counter is locked and for how long."""

    endpoint: str
    kind: str
    seconds_left: int

    @property
    def minutes_left(self) -> int:
        return max(1, math.ceil(self.seconds_left / 60))


@dataclass(frozen=True)
class Lockout:
    """The lockouts an attempt has just started (for the caller's audit row)."""

    endpoint: str
    kinds: tuple[str, ...]
    refusal: Refusal


def clock() -> float:
    """Seconds since the epoch. Lock deadlines are compared with this; tests replace it."""
    return time.time()


def account_name(name: str) -> str:
    """The name a login form looks the account up by: stripped, then NFKC (what
    Django's ``UsernameField`` does; the NIK login does the same)."""
    return unicodedata.normalize("NFKC", (name or "").strip())


def account_key(name: str) -> str:
    """The canonical form of an account name (user name, NIK) for counting.

    A function of :func:`account_name`, so two names that reach the same account always
    share one counter; case-folded on top (and normalised again, as Unicode's
    NFKC_Casefold), so case variants share it too."""
    return unicodedata.normalize("NFKC", account_name(name).casefold()).strip()


def parse_rate(rate: str) -> tuple[int, int]:
    """``"5/15m"`` → (5, 900). Units: s, m, h; a missing count means 1."""
    match = _PERIOD.match(rate.strip())
    if match is None:
        raise ValueError(f"Batas tidak dikenal: {rate!r} (contoh: 5/15m)")
    attempts, count, unit = match.groups()
    return int(attempts), int(count or 1) * _UNIT_SECONDS[unit]


def rules(endpoint: str) -> list[Rule]:
    """The limits of one endpoint, from ``settings.ABUSE_LIMITS``."""
    configured: dict[str, str] = settings.ABUSE_LIMITS[endpoint]
    return [Rule(endpoint, kind, *parse_rate(rate)) for kind, rate in configured.items()]


def _network(address: str) -> str:
    """IPv6 clients usually hold a whole /64: count it as one address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def _digest(value: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), value.encode("utf-8", "replace"), hashlib.sha256
    ).hexdigest()[:32]


def _address(request: HttpRequest | Actor) -> str:
    """The client address of a request, or the one an :class:`Actor` was built with
    (services receive the actor, not the request)."""
    if isinstance(request, Actor):
        return request.address
    return client_address(request)


def _subject(rule: Rule, request: HttpRequest | Actor, account: str | None) -> str | None:
    if rule.kind == ADDRESS:
        return _network(_address(request))
    if account is None:
        return None
    return account_key(account)


def _keys(rule: Rule, subject: str) -> tuple[str, str, str]:
    """(counter key, lock key, digest). The schema is part of both keys."""
    schema = connection.schema_name or "public"
    digest = _digest(f"{schema}\0{rule.endpoint}\0{rule.kind}\0{subject}")
    base = f"abuse:{schema}:{rule.endpoint}:{rule.kind}:{digest}"
    return f"{base}:n", f"{base}:lock", digest


def _cache() -> Any:
    return caches[settings.RATELIMIT_USE_CACHE]


def refusal(
    request: HttpRequest | Actor, endpoint: str, *, account: str | None = None
) -> Refusal | None:
    """Whether an attempt must be refused now. Counts nothing."""
    checks = []
    for rule in rules(endpoint):
        subject = _subject(rule, request, account)
        if subject is not None:
            checks.append((rule, _keys(rule, subject)[1]))
    if not checks:
        return None
    found = _cache().get_many([key for _, key in checks])
    now = clock()
    longest: Refusal | None = None
    for rule, key in checks:
        until = found.get(key)
        if until is not None and until > now:
            candidate = Refusal(endpoint, rule.kind, math.ceil(until - now))
            if longest is None or candidate.seconds_left > longest.seconds_left:
                longest = candidate
    return longest


def _increment(cache: Any, key: str, seconds: int) -> int:
    """Atomic across processes (Redis INCR); the window starts at the first attempt."""
    for _attempt in range(3):
        cache.add(key, 0, seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired or reset between add and incr: start again
            continue
        if count == 1:
            # The first attempt of a window. Should the key have expired right between
            # Django's EXISTS and INCR, Redis made a new one without expiry: set it.
            cache.touch(key, seconds)
        return count
    return 1


def attempt_count(
    request: HttpRequest | Actor, endpoint: str, *, account: str | None = None
) -> Lockout | None:
    """Count one attempt (a failed login, or a form submission) against every limit of
    ``endpoint``. Returns the lockouts this attempt started, after logging them."""
    cache = _cache()
    locked: list[Rule] = []
    for rule in rules(endpoint):
        subject = _subject(rule, request, account)
        if subject is None:
            continue
        counter, lock, digest = _keys(rule, subject)
        if _increment(cache, counter, rule.seconds) < rule.attempts:
            continue
        if cache.add(lock, clock() + rule.seconds, rule.seconds):
            cache.delete(counter)
            locked.append(rule)
            logger.warning(
                "abuse lockout endpoint=%s kind=%s subject=%s attempts=%d seconds=%d",
                endpoint,
                rule.kind,
                digest[:12],
                rule.attempts,
                rule.seconds,
            )
    if not locked:
        return None
    longest = max(locked, key=lambda r: r.seconds)
    return Lockout(
        endpoint=endpoint,
        kinds=tuple(r.kind for r in locked),
        refusal=Refusal(endpoint, longest.kind, longest.seconds),
    )


def submission_refusal(
    request: HttpRequest | Actor,
    endpoint: str,
    *,
    on_lockout: Callable[[Lockout], object] | None = None,
) -> Refusal | None:
    """For public forms: the refusal while the address is locked; otherwise count this
    submission (which still goes through, even the one that starts a lockout)."""
    refused = refusal(request, endpoint)
    if refused is not None:
        return refused
    lockout = attempt_count(request, endpoint)
    if lockout is not None and on_lockout is not None:
        on_lockout(lockout)
    return None


def attempts_forget(request: HttpRequest | Actor, endpoint: str, *, account: str) -> None:
    """After a successful login: the account's failure count starts again. The address
    count stays (one valid account must not reset a guessing address), and so does any
    lock, which is checked before the password."""
    for rule in rules(endpoint):
        if rule.kind == ACCOUNT:
            _cache().delete(_keys(rule, account_key(account))[0])


def refusal_message(refusal: Refusal, *, login: bool = True) -> str:
    """The Indonesian message shown while locked: what happened and when to retry."""
    values = {"menit": refusal.minutes_left}
    if login and refusal.kind == ACCOUNT:
        return (
            _(
                "Terlalu banyak percobaan masuk yang gagal untuk akun ini. Demi keamanan, "
                "akun dikunci sementara. Coba lagi dalam %(menit)d menit."
            )
            % values
        )
    if login:
        return (
            _(
                "Terlalu banyak percobaan masuk yang gagal dari jaringan Anda. Demi keamanan, "
                "percobaan masuk dihentikan sementara. Coba lagi dalam %(menit)d menit."
            )
            % values
        )
    return _("Terlalu banyak kiriman dari jaringan Anda. Coba lagi dalam %(menit)d menit.") % values


class LoginLimitMixin:
    """For ``django.contrib.auth`` login views: refuse while locked (429, form with the
    message; the password is not even checked), count failures, forget the account's
    failures on success. ``abuse_endpoint`` names the limits in ``ABUSE_LIMITS``;
    override :meth:`lockout_started` to write an audit row."""

    abuse_endpoint = ""
    request: HttpRequest

    def _account(self) -> str:
        return self.request.POST.get("username", "")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        found = refusal(request, self.abuse_endpoint, account=self._account())
        if found is not None:
            # An unbound form: validating a bound one would check the password.
            form = self.get_form_class()(request, initial={"username": self._account()})  # type: ignore[attr-defined]
            form.cleaned_data = {}  # add_error() expects one, even on an unbound form
            form.add_error(None, refusal_message(found))
            return self.render_to_response(self.get_context_data(form=form), status=429)  # type: ignore[attr-defined]
        return super().post(request, *args, **kwargs)  # type: ignore[misc]

    def form_invalid(self, form: Any) -> HttpResponse:
        lockout = attempt_count(self.request, self.abuse_endpoint, account=self._account())
        if lockout is not None:
            self.lockout_started(lockout)
            form.add_error(None, refusal_message(lockout.refusal))
        return super().form_invalid(form)  # type: ignore[misc]

    def form_valid(self, form: Any) -> HttpResponse:
        attempts_forget(self.request, self.abuse_endpoint, account=self._account())
        return super().form_valid(form)  # type: ignore[misc]

    def lockout_started(self, lockout: Lockout) -> None:
        """Hook: a lockout has just started (already logged)."""

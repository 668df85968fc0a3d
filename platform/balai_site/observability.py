"""Logging context, JSON logs and the Sentry scrubber.

Personal data (NIK, KK numbers, names) must never reach logs or Sentry (UU PDP
27/2022). Log lines carry the village slug and request id for correlation, never
the person; the Sentry ``before_send`` hook removes what slips through anyway.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from balai_kernel.redaction import redact_text
from tenants.context import village_listener_add, village_var

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# 16-digit runs are NIK or KK numbers; OpenSID's temporary numbers also have 16 digits.
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
PERSONAL_KEYS = frozenset(
    {
        "nik",
        "no_kk",
        "kk",
        "nama",
        "name",
        "first_name",
        "last_name",
        "full_name",
        "nama_ayah",
        "nama_ibu",
        "ayah_nik",
        "ibu_nik",
        "tempatlahir",
        "tanggallahir",
        "alamat",
        "email",
        "phone",
        "telepon",
        "pin",
        "password",
        "username",
    }
)
FILTERED = "[disaring]"


# PostgreSQL repeats the offending row in its error text ("DETAIL:  Key (nik)=(…)",
# "Failing row contains (…, Siti Aminah, …)"). A database error that reaches a log line
# or Sentry carries that text; names cannot be recognised in free text, so the row part
# is cut wherever it appears, whatever the table.
DATABASE_DETAIL = re.compile(r"(DETAIL:|Failing row contains|Key \([^)\n]*\)=)[^\n]*")


def scrub_text(value: str) -> str:
    value = DATABASE_DETAIL.sub(lambda m: f"{m.group(1)} {FILTERED}", value)
    # Tokens and tracking codes in URLs (reset links, "Not Found: /pengaduan/lacak/…").
    value = redact_text(value)
    return SIXTEEN_DIGITS.sub(FILTERED, value)


def scrub(value: Any, depth: int = 0) -> Any:
    """Recursively remove personal data from an event payload."""
    if depth > 20:
        return FILTERED
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {
            k: (
                FILTERED
                if isinstance(k, str) and k.lower() in PERSONAL_KEYS
                else scrub(v, depth + 1)
            )
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [scrub(v, depth + 1) for v in value]
    if isinstance(value, int) and len(str(abs(value))) == 16:
        return FILTERED
    return value


def sentry_before_send(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "query_string"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                k: v
                for k, v in headers.items()
                if k.lower() not in {"cookie", "authorization", "x-csrftoken"}
            }
    event.pop("user", None)
    return scrub(event)


def sentry_init(dsn: str, *, release: str, debug: bool, transport: Any = None) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    options: dict[str, Any] = {
        "dsn": dsn,
        "release": release,
        "environment": "development" if debug else "production",
        "send_default_pii": False,
        "max_request_body_size": "never",
        "include_local_variables": False,
        "before_send": sentry_before_send,
        "before_send_transaction": sentry_before_send,
        "integrations": [DjangoIntegration()],
    }
    if transport is not None:
        options["transport"] = transport
    sentry_sdk.init(**options)
    village_listener_add(_sentry_village_tag)


class ContextFilter(logging.Filter):
    """Adds the village slug and request id to every record, and scrubs 16-digit numbers."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.village = village_var.get()
        record.request_id = request_id_var.get()
        if isinstance(record.msg, str):
            record.msg = scrub_text(record.msg)
        if record.args:
            record.args = (
                tuple(scrub(a) for a in record.args)
                if isinstance(record.args, tuple)
                else scrub(record.args)
            )
        return True


class ClientErrorFilter(logging.Filter):
    """A refused request (4xx: 403, 404, 400…) is one line without a traceback.

    Django logs ``PermissionDenied`` and ``Http404`` with the exception attached, so
    every refused page printed a full traceback — noise that hides real errors, for
    what is the application working as intended. Server errors (5xx) and everything
    that is not a response keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if record.name.startswith("django.") and isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub_text(record.getMessage()),
            "village": getattr(record, "village", "-"),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            payload["exc"] = scrub_text(self.formatException(record.exc_info))
        return json.dumps(payload, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """The development format; like the JSON one, it scrubs the message and traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub_text(super().format(record))


class RequestContextMiddleware:
    """Gives every request an id (echoed as X-Request-ID) for logs and support."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = incoming if re.fullmatch(r"[A-Za-z0-9-]{8,64}", incoming) else uuid.uuid4().hex
        request.request_id = rid  # type: ignore[attr-defined]
        token_r = request_id_var.set(rid)
        token_v = village_var.set("-")
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token_r)
            village_var.reset(token_v)
        response["X-Request-ID"] = rid
        return response


def _sentry_village_tag(slug: str) -> None:
    """Sentry events name the village the code had entered (``tenants.context``)."""
    import sentry_sdk

    sentry_sdk.get_isolation_scope().set_tag("village", slug)

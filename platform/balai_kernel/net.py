"""The client's network address, as every layer must read it (abuse limits, audit
rows, actors): behind the ingress, the peer address is the proxy's."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address. Behind ``TRUSTED_PROXY_HOPS`` proxies (the ingress), the
    address the outermost trusted proxy appended to X-Forwarded-For; otherwise the
    peer address. Also django-ratelimit's ``ip`` key (``RATELIMIT_IP_META_KEY``)."""
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0)
    if hops > 0:
        forwarded = [
            a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
        ]
        if len(forwarded) >= hops and valid_ip(forwarded[-hops]):
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - no address known


def valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True

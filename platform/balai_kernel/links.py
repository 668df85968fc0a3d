"""The one builder of absolute URLs: the platform's or a village's canonical address.

In the kernel so that tenants, village apps and the control plane share it.

Absolute URLs end up in places that outlive the request that made them: cached public
pages (canonical link, RSS, sitemap), e-mails, letter QR codes. Built from the request
(``request.build_absolute_uri``) they carry whatever Host and query string that one
visitor sent: a single request with ``Host: hajimena.localhost:6666`` and
``?utm_source=…`` put both into a cached page served to everyone. Here the host comes
from configuration only (``BALAI_SCHEME``, ``BALAI_DOMAIN``, ``BALAI_PORT``) and the
village's canonical host, never from a request, and a query string is added only when
the caller passes one explicitly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol
from urllib.parse import urlencode

from django.conf import settings


class Village(Protocol):
    """What the builder needs of a village (``tenants.models.Village``): its slug. The
    kernel sits below tenants, so it names the shape, not the model."""

    slug: str


def canonical_host(village: Village | None = None) -> str:
    """The host a village (or, without one, the control plane) is published under:
    ``<slug>.<BALAI_DOMAIN>``. Custom domains are aliases of it."""
    if village is None:
        return settings.BALAI_DOMAIN
    return f"{village.slug}.{settings.BALAI_DOMAIN}"


def absolute_url(
    path: str = "/", *, village: Village | None = None, query: Mapping[str, str] | None = None
) -> str:
    """``path`` on the village's canonical host (the platform's without a village).

    ``path`` must be a path only (``/berita/x/``, a ``reverse()`` result): a query
    string or fragment in it is refused rather than silently kept or dropped, so a
    visitor's ``request.get_full_path()`` can never slip through; pass ``query`` for
    links that need one (an invitation token)."""
    if not path.startswith("/") or "?" in path or "#" in path:
        raise ValueError(f"absolute_url takes a path, got {path!r}")
    port = f":{settings.BALAI_PORT}" if settings.BALAI_PORT else ""
    suffix = f"?{urlencode(dict(query))}" if query else ""
    return f"{settings.BALAI_SCHEME}://{canonical_host(village)}{port}{path}{suffix}"

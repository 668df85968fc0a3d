"""Public pages cached per village, invalidated on change.

The ``default`` cache prefixes every key with the current schema
(``django_tenants.cache.make_key``), so one village can never read another's page.
Within a village every cached page carries a version number; any write to public
content calls ``situs_cache_invalidate`` (after commit), which bumps the version and
so retires every cached page of that village at once. Statistics come from another
app's data and also expire after ``DURASI_STATISTIK``.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

KUNCI_VERSI = "web:versi"
DURASI = 3600
DURASI_STATISTIK = 300


def _versi() -> int:
    versi = cache.get(KUNCI_VERSI)
    if versi is None:
        versi = 1
        cache.add(KUNCI_VERSI, versi, None)
    return versi


def situs_cache_invalidate() -> None:
    """Retire every cached public page of the current village: now, and again after
    commit, so a page rendered from the old data between the two is not kept either."""

    def bump() -> None:
        try:
            cache.incr(KUNCI_VERSI)
        except ValueError:
            cache.set(KUNCI_VERSI, 2, None)

    bump()
    transaction.on_commit(bump)


def _boleh_cache(request: HttpRequest) -> bool:
    # Visitors with a session (operators, flash messages) see personalised pages.
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


# Query parameters public pages read; others cannot change the page, so they are left
# out of the key (and cannot be used to flood the cache with copies of one page).
PARAMETER = ("halaman", "kategori", "q", "tahun")


def _parameter(request: HttpRequest) -> str:
    return urlencode(
        sorted((k, request.GET.get(k, "")[:100]) for k in PARAMETER if k in request.GET)
    )


def halaman_publik(durasi: int = DURASI) -> Callable:
    """Cache an anonymous public page (body and content type) for ``durasi`` seconds."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _boleh_cache(request):
                return view(request, *args, **kwargs)
            tenant = getattr(request, "tenant", None)
            jejak = hashlib.blake2s(
                f"{request.path}?{_parameter(request)}|{getattr(request, 'LANGUAGE_CODE', '')}|"
                f"{getattr(tenant, 'status', '')}|{getattr(tenant, 'modules', None)}".encode(),
                digest_size=12,
            ).hexdigest()
            kunci = f"web:hal:{_versi()}:{jejak}"
            simpanan = cache.get(kunci)
            if simpanan is not None:
                status, isi, jenis = simpanan
                response = HttpResponse(isi, content_type=jenis, status=status)
                response["X-Balai-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code in (200, 404) and not response.streaming:
                cache.set(
                    kunci,
                    (response.status_code, response.content, response["Content-Type"]),
                    durasi,
                )
            response["X-Balai-Cache"] = "miss"
            return response

        return wrapper

    return decorator

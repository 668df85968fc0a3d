"""Public pages cached per village, invalidated on change.

The ``default`` cache prefixes every key with the current schema
(``django_tenants.cache.make_key``), so one village can never read another's page.
Within a village every cached page carries a version number; any write to public
content calls ``situs_cache_invalidate`` (after commit), which bumps the version and
so retires every cached page of that village at once. Statistics come from another
app's data and also expire after ``DURASI_STATISTIK``.

A page is rendered in the visitor's language (``LocaleMiddleware``: the
``django_language`` cookie, then ``Accept-Language``), so the key carries the active
language too: an English visitor is never served the Indonesian copy, nor the reverse.
Responses say ``Vary: Accept-Language, Cookie`` for the same reason.

Forms on a cached page (the language switcher in every footer) carry a CSRF token,
which belongs to one visitor's cookie: the stored copy holds a placeholder instead,
and every response gets a token of its own visitor (``get_token`` also sets the
``csrftoken`` cookie of a new one). Serving the first visitor's token to everyone
would both refuse the others' posts and hand them a token valid for that visitor.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from balai_kernel.disclosure.source import public_source

KUNCI_VERSI = "web:versi"
# What ``{% csrf_token %}`` renders, and what the stored copy holds in its place.
_TOKEN_CSRF = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')
_PENANDA_CSRF = b"__balai_csrf__"
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


def halaman_kunci(request: HttpRequest) -> str:
    """The cache key of this request's page, without the village: the default cache
    prefixes it with the schema. It carries the content version, the active language
    (in clear, so it can be seen) and a digest of path, read parameters, language,
    village status, plan modules and the kabupaten's publishing version (closing a
    kabupaten retires its villages' cached statistics at once)."""
    bahasa = get_language() or settings.LANGUAGE_CODE
    tenant = getattr(request, "tenant", None)
    kabupaten = getattr(tenant, "kabupaten_code", "")
    terbit = public_source().kabupaten_version(kabupaten) if kabupaten else ""
    jejak = hashlib.blake2s(
        f"{request.path}?{_parameter(request)}|{bahasa}|"
        f"{getattr(tenant, 'status', '')}|{getattr(tenant, 'modules', None)}|{terbit}".encode(),
        digest_size=12,
    ).hexdigest()
    return f"web:hal:{_versi()}:{bahasa}:{jejak}"


def halaman_publik(durasi: int = DURASI) -> Callable:
    """Cache an anonymous public page (body and content type) for ``durasi`` seconds."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _boleh_cache(request):
                return view(request, *args, **kwargs)
            # The page may depend on nothing the key leaves out: the view (and every
            # template, e.g. pagination links) sees only the parameters in the key, as
            # the key cuts them. Host and scheme come from ``balai_kernel.links``, never
            # from the request. Otherwise one visitor's ``?utm_source=…`` would be in
            # the copy served to everyone.
            request.GET = QueryDict(_parameter(request))
            kunci = halaman_kunci(request)
            simpanan = cache.get(kunci)
            if simpanan is not None:
                status, isi, jenis = simpanan
                if _PENANDA_CSRF in isi:
                    isi = isi.replace(_PENANDA_CSRF, get_token(request).encode())
                response = HttpResponse(isi, content_type=jenis, status=status)
                response["X-Balai-Cache"] = "hit"
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code in (200, 404) and not response.streaming:
                isi = _TOKEN_CSRF.sub(rb"\1" + _PENANDA_CSRF + rb"\2", response.content)
                cache.set(kunci, (response.status_code, isi, response["Content-Type"]), durasi)
            response["X-Balai-Cache"] = "miss"
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response

        wrapper.halaman_publik = True  # type: ignore[attr-defined] # found by the cache sweep test
        return wrapper

    return decorator

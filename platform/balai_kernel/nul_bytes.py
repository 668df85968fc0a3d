"""One answer for a NUL byte anywhere in a request: 400, before any view sees it.

PostgreSQL text cannot hold NUL (psycopg raises ``ValueError``), the filesystem
refuses it in names, and many parsers stop at it. Any view that passed a parameter to
a query answered 500 for ``/berita/?q=%00`` or ``/surat/verifikasi/%00/``. Rather than
guard every view and form, ``NulByteMiddleware`` refuses the request when the path,
a query parameter, a cookie, a header, a form field (name or value, urlencoded or
multipart) or a JSON body (raw or ``\\u0000``) carries one.
File contents are binary and stay untouched.

It runs after ``UploadLimitMiddleware``: a body is parsed only once its size is known
to be within ``UPLOAD_MAX_MB``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

NUL = "\x00"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def _any_nul(values: Iterable[str]) -> bool:
    return any(NUL in value for value in values)


def _multivalue_has_nul(data: object) -> bool:
    lists = data.lists()  # type: ignore[attr-defined]
    return any(NUL in key or _any_nul(values) for key, values in lists)


def request_has_nul(request: HttpRequest) -> bool:
    """Whether any part of ``request`` a view could read as text carries a NUL byte."""
    if NUL in request.path_info or NUL in request.path:
        return True
    if _multivalue_has_nul(request.GET):
        return True
    if _any_nul(request.COOKIES.keys()) or _any_nul(request.COOKIES.values()):
        return True
    if _any_nul(str(v) for k, v in request.META.items() if k.startswith("HTTP_")):
        return True
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        if _multivalue_has_nul(request.POST):
            return True
        # File names need nothing: Django drops non-printable characters from them.
        return _any_nul(request.FILES.keys())
    if content_type == "application/json" or content_type.endswith("+json"):
        body = request.body
        return b"\x00" in body or b"\\u0000" in body.lower()
    return False


def nul_refusal(request: HttpRequest) -> HttpResponse:
    # Before LocaleMiddleware: pick the visitor's language here.
    with translation.override(translation.get_language_from_request(request)):
        html = render_to_string("balai/bad_request.html")
    return HttpResponse(html, status=400)


class NulByteMiddleware:
    """400 with an Indonesian page for any request carrying a NUL byte (see module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request_has_nul(request):
            return nul_refusal(request)
        return self.get_response(request)

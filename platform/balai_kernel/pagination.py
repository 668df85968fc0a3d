"""One way to page a list: ``?halaman=<n>``, out-of-range and junk numbers clamp to the
nearest page (Django's ``Paginator.get_page``), never a 404 or a 500."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_PARAM = "halaman"


def page_get(request: HttpRequest, items: Any, *, per_page: int) -> Page:
    """The page of ``items`` (a queryset or a sequence) that ``?halaman=`` asks for."""
    return Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAM))

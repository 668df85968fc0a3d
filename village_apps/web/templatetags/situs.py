"""Template helpers of the public site: the menu (from the village's pages and links,
without modules the village's plan does not include)."""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from django.utils.encoding import escape_uri_path
from django.utils.safestring import SafeString, mark_safe

from balai_kernel import template_numbers
from balai_kernel.links import absolute_url
from tenants.modules import ModuleSwitches
from village_apps.web import selectors
from village_apps.web.html import html_bersihkan

register = template.Library()


@register.inclusion_tag("web/_menu.html", takes_context=True)
def situs_menu(context: template.Context) -> dict:
    request: HttpRequest | None = context.get("request")
    tenant = getattr(request, "tenant", None)
    return {
        "desa": getattr(tenant, "kind", "desa") != "kelurahan",
        "halaman": selectors.halaman_menu(),
        "tautan": selectors.tautan_menu(),
        "path": getattr(request, "path", "/"),
        "modul": ModuleSwitches(tenant),
    }


@register.simple_tag(takes_context=True)
def alamat_kanonik(context: template.Context) -> str:
    """This page's canonical URL: the village's canonical host and the path, never the
    Host or query string of whichever visitor filled the page cache."""
    request: HttpRequest = context["request"]
    return absolute_url(escape_uri_path(request.path), village=request.tenant)  # type: ignore[attr-defined]


@register.filter
def html_aman(nilai: object) -> SafeString:
    """Stored rich text (an ``HtmlField`` of the ``web`` profile) for the page: cleaned
    again on the way out, so a row stored before its column cleaned on write (until
    its data migration has run in this village) is shown safe as well. Use this, not
    ``|safe``."""
    return mark_safe(html_bersihkan(str(nilai or "")))  # noqa: S308 - cleaned to the allowlist


# Money and counts: the kernel's one filter each (``{% load angka %}`` offers the same).
register.filter("rupiah", template_numbers.rupiah)
register.filter("angka", template_numbers.angka)
register.filter("persen", template_numbers.persen)

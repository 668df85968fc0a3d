"""Template helpers of the public site: the menu (from the village's pages and links,
without modules the village's plan does not include)."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from balai_site.disclosure.policy import COMPLEMENT, SMALL
from tenants.modules import ModuleSwitches
from village_apps.web import selectors

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


@register.filter
def rupiah(nilai: object) -> str:
    """Rp 1.234.567 (Indonesian thousands separator, no decimals)."""
    try:
        return "Rp " + f"{float(nilai):,.0f}".replace(",", ".")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "-"


@register.filter
def angka(nilai: object) -> str:
    """1.234 (Indonesian thousands separator); a public count's mark (``"<5"``, ``"x"``)
    stays as it is."""
    if nilai in (SMALL, COMPLEMENT):
        return str(nilai)
    try:
        return f"{float(nilai):,.0f}".replace(",", ".")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "-"

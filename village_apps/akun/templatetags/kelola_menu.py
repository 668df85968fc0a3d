"""``{% kelola_menu %}``: the back-office menu of the signed-in village user."""

from __future__ import annotations

from django import template

from village_apps.akun.navigation import url_open_to, village_menu

register = template.Library()


@register.inclusion_tag("balai/menu.html", takes_context=True)
def kelola_menu(context: template.Context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = getattr(user, "is_authenticated", False)
    return {"sections": village_menu(request) if signed_in else []}


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, name: str) -> str:
    """``{% page_url "mandiri:pin" as url %}``: the page's path when this user may open
    it (the menu's rule), else ``""`` — for links outside the menu."""
    request = context.get("request")
    if request is None or not getattr(request.user, "is_authenticated", False):
        return ""
    return url_open_to(request, name) or ""

"""``{% control_menu as sections %}``: the control-plane menu of this request's user."""

from __future__ import annotations

from django import template

from control_plane.accounts.navigation import control_menu as menu_of_request

register = template.Library()


@register.simple_tag(takes_context=True)
def control_menu(context: template.Context) -> list:
    request = context.get("request")
    return menu_of_request(request) if request is not None else []

"""``{% if user|boleh:"akun.view" %}``: whether the signed-in village user's role grants
an action in a module (``permissions.user_allows``: role grants and the plan; the grants
are read once per request)."""

from typing import Any

from django import template

from village_apps.akun.choices import Action
from village_apps.akun.permissions import user_allows

register = template.Library()


@register.filter
def boleh(user: Any, hak: str) -> bool:
    module, _sep, action = hak.partition(".")
    return user_allows(user, module, action or Action.VIEW)

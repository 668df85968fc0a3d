"""The control plane's menu per role: every page that declares an entry
(``@menu_entry(..., group=...)``), shown to the staff roles its permission decorator
lets in (``staff_required`` and the decorators built on it record them), to every
signed-in user for their own account pages, and to everyone for public pages.

A role's home is the first page of its menu: ``/`` sends a signed-in user there, and
so does the login when it has nowhere else to go.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import pgettext_lazy

from balai_kernel.navigation import Link, MenuEntry, MenuGroup, Page, Section, first_link, sections
from balai_kernel.navigation import menu_entry as menu_entry
from control_plane.accounts.permissions import (
    ANY_ROLE,
    second_factor_step,
    staff_role,
    staff_roles_of,
)

OPERASI = MenuGroup(pgettext_lazy("menu", "Operasi"), 10)
PENDAFTARAN = MenuGroup(pgettext_lazy("menu", "Pendaftaran desa"), 20)
# The exact dashboards of the user's region and its villages' status (every staff role
# bound to a region, and operations); the home of camat and province officials.
WILAYAH = MenuGroup(pgettext_lazy("menu", "Wilayah"), 25)
KABUPATEN = MenuGroup(pgettext_lazy("menu", "Kabupaten"), 30)
AKUN = MenuGroup(pgettext_lazy("menu", "Akun"), 90)


def page_open_to(page: Page, *, role: str | None, signed_in: bool) -> bool:
    """Whether a user with ``role`` (``signed_in`` or not) may open ``page`` (a GET),
    by its declaration: public pages to anyone, ``ANY_ROLE`` pages to any signed-in
    user, the others to the roles they name."""
    roles = staff_roles_of(page.view)
    if roles is None:
        return True
    if roles == ANY_ROLE:
        return signed_in
    return role in roles


def control_menu(request: HttpRequest) -> list[Section]:
    """The menu of this request's user (or visitor) on the control plane; none while a
    signed-in session still owes its second factor (its pages would only send it
    back to the code step)."""
    signed_in = bool(getattr(request.user, "is_authenticated", False))
    if signed_in and second_factor_step(request) is not None:
        return []
    role = staff_role(request.user)

    def shown(page: Page, entry: MenuEntry) -> bool:
        if entry.visitors:
            return not signed_in
        return page_open_to(page, role=role, signed_in=signed_in)

    urlconf = getattr(request, "urlconf", None) or settings.PUBLIC_SCHEMA_URLCONF
    return sections(urlconf, shown=shown, current=request.path)


def role_home(request: HttpRequest) -> Link | None:
    """The signed-in user's home: the first page of their menu that their role is named
    for (not a public page, nor an account page every user has); ``None`` without one."""
    role = staff_role(request.user)
    if role is None:
        return None

    def own(page: Page, entry: MenuEntry) -> bool:
        roles = staff_roles_of(page.view)
        return roles is not None and role in roles

    urlconf = getattr(request, "urlconf", None) or settings.PUBLIC_SCHEMA_URLCONF
    return first_link(sections(urlconf, shown=own))

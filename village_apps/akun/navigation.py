"""The village back office's menu: every operator page that declares an entry
(``@menu_entry(..., group=...)``), shown when the user's role grants the page's declared
read action (``@requires``; ``@own_account_view`` pages to every staff member) and the
village's plan includes the page's module.

A page added later with an entry appears for exactly the roles that can open it; a
role never sees a link that would answer 403 or the module-off page.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import pgettext_lazy

from balai_kernel.navigation import MenuEntry, MenuGroup, Page, Section, pages, sections
from balai_kernel.navigation import menu_entry as menu_entry
from tenants.modules import module_enabled, module_for_namespace
from village_apps.akun.choices import Access, Action
from village_apps.akun.permissions import (
    NO_GRANTS,
    Grants,
    permission_of,
    second_factor_step,
    staff_grants,
)

HOME = MenuGroup("", 0)  # the home alone, above the groups, without a heading
KEPENDUDUKAN = MenuGroup(pgettext_lazy("menu", "Kependudukan"), 10)
LAYANAN = MenuGroup(pgettext_lazy("menu", "Layanan warga"), 20)
KEUANGAN = MenuGroup(pgettext_lazy("menu", "Keuangan dan pembangunan"), 30)
DESA = MenuGroup(pgettext_lazy("menu", "Desa dan situs"), 40)
AKUN = MenuGroup(pgettext_lazy("menu", "Akun"), 90)


def page_open_to(page: Page, *, grants: Grants, village: object) -> bool:
    """Whether a staff member with ``grants`` may open ``page`` (a GET) in ``village``:
    its declared read action in its module (any staff member for a page of their own
    account), the module in the village's plan and, for a page only some kinds of
    village have (``balai_village_kinds``), the village's kind."""
    permission = permission_of(page.view)
    if permission is None or grants.role is None:
        return False
    if permission.access == Access.STAFF:
        if not grants.allows(permission.module, permission.action or Action.VIEW):
            return False
    elif permission.access != Access.OWN:
        return False
    module = module_for_namespace(page.namespace)
    if module is not None and not module_enabled(village, module.code):
        return False
    kinds = getattr(page.view, "balai_village_kinds", None)  # e.g. APBDes: desa only
    return kinds is None or getattr(village, "kind", "desa") in kinds


def _grants(request: HttpRequest) -> Grants:
    """The user's grants; none while the session still owes a step (second factor,
    first password): the menu's pages would only send it back to that step."""
    if second_factor_step(request) is not None:
        return NO_GRANTS
    return staff_grants(request.user)


def village_menu(request: HttpRequest) -> list[Section]:
    """The signed-in user's back-office menu for this village."""
    grants = _grants(request)
    village = getattr(request, "tenant", None)

    def shown(page: Page, entry: MenuEntry) -> bool:
        return page_open_to(page, grants=grants, village=village)

    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return sections(urlconf, shown=shown, current=request.path)


def url_open_to(request: HttpRequest, name: str) -> str | None:
    """The path of page ``name`` (a URL name without arguments) when the signed-in user
    may open it in this village, else ``None``: for links outside the menu that must
    follow the same rule (the home's checklist and figures)."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    page = next((p for p in pages(urlconf) if p.name == name), None)
    village = getattr(request, "tenant", None)
    if page is None or not page_open_to(page, grants=_grants(request), village=village):
        return None
    return page.path

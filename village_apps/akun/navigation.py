"""The village back office's menu: every operator page that declares an entry
(``@menu_entry(..., group=...)``), shown when the user's role grants the page's declared
read action (``@requires``) and the village's plan includes the page's module.

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
from village_apps.akun.permissions import permission_of, role_allows, village_role

HOME = MenuGroup("", 0)  # the home alone, above the groups, without a heading
KEPENDUDUKAN = MenuGroup(pgettext_lazy("menu", "Kependudukan"), 10)
LAYANAN = MenuGroup(pgettext_lazy("menu", "Layanan warga"), 20)
KEUANGAN = MenuGroup(pgettext_lazy("menu", "Keuangan dan pembangunan"), 30)
DESA = MenuGroup(pgettext_lazy("menu", "Desa dan situs"), 40)


def page_open_to(page: Page, *, role: str | None, village: object) -> bool:
    """Whether ``role`` may open ``page`` (a GET) in ``village``: its declared read
    action in its module, the module in the village's plan and, for a page only some
    kinds of village have (``balai_village_kinds``), the village's kind."""
    permission = permission_of(page.view)
    if permission is None or permission.access != Access.STAFF:
        return False
    module = module_for_namespace(page.namespace)
    if module is not None and not module_enabled(village, module.code):
        return False
    kinds = getattr(page.view, "balai_village_kinds", None)  # e.g. APBDes: desa only
    if kinds is not None and getattr(village, "kind", "desa") not in kinds:
        return False
    return role_allows(role, permission.module, permission.action or Action.VIEW)


def village_menu(request: HttpRequest) -> list[Section]:
    """The signed-in user's back-office menu for this village."""
    role = village_role(request.user)
    village = getattr(request, "tenant", None)

    def shown(page: Page, entry: MenuEntry) -> bool:
        return page_open_to(page, role=role, village=village)

    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return sections(urlconf, shown=shown, current=request.path)


def url_open_to(request: HttpRequest, name: str) -> str | None:
    """The path of page ``name`` (a URL name without arguments) when the signed-in user
    may open it in this village, else ``None``: for links outside the menu that must
    follow the same rule (the home's checklist)."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    page = next((p for p in pages(urlconf) if p.name == name), None)
    if page is None:
        return None
    role = village_role(request.user)
    return (
        page.path
        if page_open_to(page, role=role, village=getattr(request, "tenant", None))
        else None
    )

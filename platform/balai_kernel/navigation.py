"""Menus generated from a URLconf: a page that declares a menu entry appears in the
menu of everyone its permission declaration lets in.

One mechanism for both sides, each with its own permission rule: the village back
office (``village_apps.akun.navigation``: the role's actions and the plan's modules)
and the control plane (``control_plane.accounts.navigation``: the staff roles a view's
decorator names). A view says what its entry reads (``@menu_entry``); who sees it is
never written twice, it is read from the view's own permission declaration.

Only pages without URL arguments can be menu entries; the others are reached from a
page that lists them (``tests/balai_site/test_navigation.py`` checks that every page
a role can open is in its menu or named as reached from another page).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse


@dataclass(frozen=True, slots=True)
class MenuGroup:
    """A heading of the menu; groups are shown by ``order``."""

    label: Any  # lazy text
    order: int


@dataclass(frozen=True, slots=True)
class MenuEntry:
    """What a page's menu link reads and where it sits. ``visitors``: shown only to
    visitors who are not signed in (sign-up, a public dashboard's front door).
    ``covers``: URL names of pages the link leads to although they are not under its
    path (a page that redirects to them): the link is marked current on them."""

    label: Any  # lazy text
    group: MenuGroup
    order: int = 100
    visitors: bool = False
    covers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a URLconf that takes no URL argument."""

    name: str  # namespaced URL name
    namespace: str
    path: str
    view: Callable = field(compare=False)

    @property
    def entry(self) -> MenuEntry | None:
        return menu_of(self.view)


@dataclass(frozen=True, slots=True)
class Link:
    label: Any
    url: str
    name: str
    current: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    label: Any
    links: tuple[Link, ...]


def menu_entry(
    label: Any,
    *,
    group: MenuGroup,
    order: int = 100,
    visitors: bool = False,
    covers: tuple[str, ...] = (),
):
    """View decorator: the page's entry in the menu (its label, group and place)."""
    entry = MenuEntry(label, group, order, visitors, covers)

    def decorator(view: Callable) -> Callable:
        view.balai_menu = entry  # type: ignore[attr-defined]
        return view

    return decorator


def menu_of(view: Callable) -> MenuEntry | None:
    """The entry a view declared (through ``functools.wraps`` decorators, or on the class
    of a class-based view)."""
    found = getattr(view, "balai_menu", None)
    if found is None and hasattr(view, "view_class"):
        found = getattr(view.view_class, "balai_menu", None)
    return found


def _walk(patterns: Iterable[Any], namespace: tuple[str, ...]) -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, namespace + ((p.namespace,) if p.namespace else ()))
        elif isinstance(p, URLPattern) and p.name:
            yield ":".join((*namespace, p.name)), p


def _takes_arguments(pattern: URLPattern) -> bool:
    regex = pattern.pattern.regex
    return bool(regex.groups or getattr(pattern.pattern, "converters", None))


@functools.cache
def pages(urlconf: str) -> tuple[Page, ...]:
    """Every named page of ``urlconf`` without URL arguments (also through includes
    whose prefix takes none), in URLconf order; built once per process."""
    found = []
    for name, pattern in _walk(get_resolver(urlconf).url_patterns, ()):
        if _takes_arguments(pattern):
            continue
        try:
            path = reverse(name, urlconf=urlconf)
        except Exception:  # noqa: BLE001, S112 - an include's prefix takes arguments
            continue
        found.append(Page(name, name.rpartition(":")[0], path, pattern.callback))
    return tuple(found)


def sections(
    urlconf: str, *, shown: Callable[[Page, MenuEntry], bool], current: str = ""
) -> list[Section]:
    """The menu of ``urlconf``: the pages with an entry that ``shown`` lets through,
    grouped and ordered; ``current`` (the request's path) marks the link it is under."""
    chosen = [(p, p.entry) for p in pages(urlconf) if p.entry is not None]
    chosen = [(p, e) for p, e in chosen if shown(p, e)]
    chosen.sort(key=lambda pe: (pe[1].group.order, pe[1].order))
    best = max((p.path for p, _ in chosen if _under(current, p.path)), key=len, default="")
    if current and not best:
        try:
            current_name = resolve(current, urlconf).view_name
        except Resolver404:
            current_name = ""
        best = next((p.path for p, e in chosen if current_name in e.covers), "")
    grouped: dict[MenuGroup, list[Link]] = {}
    for page, entry in chosen:
        grouped.setdefault(entry.group, []).append(
            Link(entry.label, page.path, page.name, page.path == best)
        )
    return [Section(group.label, tuple(links)) for group, links in grouped.items()]


def _under(current: str, path: str) -> bool:
    return current == path or (path != "/" and current.startswith(path))


def first_link(found: list[Section]) -> Link | None:
    return next((link for section in found for link in section.links), None)

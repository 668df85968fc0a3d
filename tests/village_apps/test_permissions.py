"""Every view of the village URLconf declares who may use it, and a viewer's write is
refused with 403 wherever the declaration says viewers may not write.

The sweep walks the URLconf (``tests.urlsweep``), so a view added later is covered by
itself: an undeclared one fails here before anyone reviews it."""

from __future__ import annotations

from tests.urlsweep import Route, every_route, stripped, undeclared
from village_apps.akun.choices import Access, Action, VillageRole
from village_apps.akun.permissions import permission_of
from village_apps.akun.roles import BUILTIN_ROLES, MODULE_LABELS

URLCONF = "balai_site.urls_tenant"
# Views that are not the village apps' own, each with why it declares nothing.
NOT_VILLAGE_VIEWS = {
    "set_language": "Django's language switch (public, changes only the visitor's cookie)",
    "media": "tenants.media authorises every file itself (owner app's rule per path)",
}


def _routes() -> list[Route]:
    return list(every_route(URLCONF))


def test_every_village_view_declares_its_permission():
    assert undeclared(_routes(), permission_of, NOT_VILLAGE_VIEWS) == []


def test_a_view_stripped_of_its_declaration_fails_the_sweep():
    """Positive control: the same check on a route whose view lost its declaration."""
    route = next(r for r in _routes() if r.name == "penduduk:daftar")
    assert permission_of(route.pattern.callback) is not None
    assert undeclared([stripped(route)], permission_of, NOT_VILLAGE_VIEWS) == [
        "/kelola/penduduk/ (penduduk:daftar)"
    ]


def test_staff_declarations_name_a_module_and_known_actions():
    for r in _routes():
        permission = permission_of(r.pattern.callback)
        if permission is None or permission.access != Access.STAFF:
            continue
        assert permission.module and permission.action in Action.values, r.route
        assert permission.writes in Action.values, r.route


def test_every_declared_module_has_a_label_in_the_permission_matrix():
    modules = {
        p.module
        for r in _routes()
        if (p := permission_of(r.pattern.callback)) is not None and p.access == Access.STAFF
    }
    assert modules - set(MODULE_LABELS) == set()


def _viewer_refused_writes() -> list[Route]:
    """Writing views whose module the peninjau (first release: viewer) may not write."""
    peninjau = BUILTIN_ROLES[VillageRole.PENINJAU].hak
    found = []
    for r in _routes():
        permission = permission_of(r.pattern.callback)
        if (
            permission
            and permission.access == Access.STAFF
            and f"{permission.module}.{permission.writes}" not in peninjau
        ):
            found.append(r)
    return found


def test_there_are_writing_views_to_check():
    assert len(_viewer_refused_writes()) > 40


def test_a_viewers_post_to_every_writing_view_is_refused(viewer_client):
    """Never a silent 200 or a redirect that changed nothing: 403, before the view."""
    answered = {}
    for r in _viewer_refused_writes():
        response = viewer_client.post(r.concrete(), {"nama": "x"})
        answered[f"/{r.route}"] = response.status_code
    assert {path: code for path, code in answered.items() if code != 403} == {}

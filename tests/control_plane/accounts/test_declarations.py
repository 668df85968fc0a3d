"""Every view of the control-plane URLconf declares who it accepts (issue 20,
acceptance 2): staff roles (``staff_required`` and the decorators built on it), any
signed-in user (``credential_change``), or ``open_to(PUBLIC / SIGN_IN)``.

The sweep walks the URLconf (``tests.urlsweep``), so a view added later is covered by
itself: an undeclared one fails here before anyone reviews it."""

from __future__ import annotations

from balai_kernel.audience import PUBLIC, SIGN_IN
from control_plane.accounts.models import StaffRole
from control_plane.accounts.permissions import access_of
from tests.urlsweep import Route, every_route, stripped, undeclared

URLCONF = "balai_site.urls_public"
# Views that are not the control plane's own, each with why it declares nothing.
NOT_CONTROL_VIEWS = {
    "set_language": "Django's language switch (public, changes only the visitor's cookie)",
}


def _routes() -> list[Route]:
    return list(every_route(URLCONF))


def test_every_control_plane_view_declares_who_it_accepts():
    routes = _routes()
    assert len(routes) > 60  # control: the walk saw the URLconf
    assert undeclared(routes, access_of, NOT_CONTROL_VIEWS) == []


def test_a_view_stripped_of_its_declaration_fails_the_sweep():
    """Positive control: the same check on a route whose view lost its declaration."""
    route = next(r for r in _routes() if r.name == "dashboards:villages")
    assert access_of(route.pattern.callback) is not None
    assert undeclared([stripped(route)], access_of, NOT_CONTROL_VIEWS) == [
        "/dasbor/desa/ (dashboards:villages)"
    ]


def test_declarations_name_known_roles_or_audiences():
    known = set(StaffRole.values)
    for r in _routes():
        declared = access_of(r.pattern.callback)
        if declared is None or declared in (PUBLIC, SIGN_IN):
            continue
        assert set(declared) <= known, (r.route, declared)


def test_the_regional_roles_are_declared_for_their_pages():
    """The new roles open their pages by declaration, never by a missing one."""
    by_name = {r.name: access_of(r.pattern.callback) for r in _routes()}
    for name in ("dashboards:mine", "dashboards:villages", "contracts:list"):
        assert StaffRole.PROVINCE_OFFICIAL in by_name[name], name
    for name in ("dashboards:mine", "dashboards:villages"):
        assert StaffRole.CAMAT in by_name[name], name
    # Never residents' records (OpenDK's export), invoices or the operations console.
    for name in (
        "dashboards:opendk",
        "contracts:detail",
        "contracts:create",
        "console:village_list",
    ):
        assert StaffRole.CAMAT not in by_name[name], name
        assert StaffRole.PROVINCE_OFFICIAL not in by_name[name], name

"""Session fixtures: the Kemendagri reference data, loaded once per session.

``wilayah``: the default edition (``kepmendagri-2025``), active — what sign-up,
dashboards and open data read. ``wilayah_editions``: also ``kepmendagri-2022``, loaded
but not active, for diffs and applies. Transactional tests' closing flush keeps the
``reference_*`` tables, so one load serves the whole session. Import the fixture into
a conftest or test module to use it.
"""

import pytest


@pytest.fixture(scope="session")
def wilayah(django_db_setup, django_db_blocker):
    from control_plane.reference.selectors import edition_active_name
    from control_plane.reference.services import edition_load

    with django_db_blocker.unblock():
        if edition_active_name() != "kepmendagri-2025":
            edition_load(name="kepmendagri-2025", activate=True)


@pytest.fixture(scope="session")
def wilayah_editions(wilayah, django_db_blocker):
    from control_plane.reference.models import Edition
    from control_plane.reference.services import edition_load

    with django_db_blocker.unblock():
        if not Edition.objects.filter(name="kepmendagri-2022").exists():
            edition_load(name="kepmendagri-2022", activate=False)

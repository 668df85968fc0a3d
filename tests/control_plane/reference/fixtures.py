"""Session fixture: the Kemendagri reference set, loaded once (idempotent, ~2 s).

Transactional tests' closing flush keeps ``reference_*`` tables, so one load serves
the whole session. Import ``wilayah`` into a conftest or test module to use it.
"""

import pytest


@pytest.fixture(scope="session")
def wilayah(django_db_setup, django_db_blocker):
    from control_plane.reference.selectors import wilayah_is_loaded
    from control_plane.reference.services import wilayah_load

    with django_db_blocker.unblock():
        if not wilayah_is_loaded():
            wilayah_load()

from tests.control_plane.dashboards.conftest import (  # noqa: F401 - shared fixtures
    populated,
    published,
    uji_facades,
)

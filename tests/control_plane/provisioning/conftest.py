from tests.control_plane.reference.fixtures import wilayah  # noqa: F401

from tests.control_plane.reference.fixtures import wilayah, wilayah_editions  # noqa: F401

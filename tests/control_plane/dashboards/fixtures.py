"""Dashboard fixtures: villages published through the test facade. A ``pytest_plugins``
module of ``tests/conftest.py`` (the open-data and disclosure tests use them too)."""

import pytest

from tenants.context import village_context
from tests.control_plane.dashboards import uji_facade


@pytest.fixture
def uji_facades(settings):
    """Publish villages through the test facade (and nothing else)."""
    settings.DASHBOARD_SNAPSHOT_FACADES = ["tests.control_plane.dashboards.uji_facade"]
    settings.DASHBOARD_DEBOUNCE_SECONDS = 0
    settings.DASHBOARD_SUPPRESSION_DELAY_SECONDS = 0
    return uji_facade


@pytest.fixture
def populated(uji_facades, village, village_b, village_x):
    """Three villages (two in Lampung Selatan, one in another kabupaten) with residents."""
    data = {
        village: [
            ("L", "islam", 40, "skd"),
            ("P", "islam", 38, "skd"),
            ("L", "kristen", 3, ""),
            ("P", "hindu", 2, "sktm"),
        ],
        village_b: [("L", "islam", 25, ""), ("P", "islam", 30, "skd"), ("P", "kristen", 7, "")],
        village_x: [("L", "islam", 12, "sku"), ("P", "islam", 9, ""), ("L", "buddha", 1, "")],
    }
    for v, rows in data.items():
        with village_context(v):
            uji_facade.table_create()
            for sex, agama, n, surat in rows:
                uji_facade.warga_add(sex, agama, n, surat, keluarga=1)
    return data


@pytest.fixture
def published(populated, village, village_b, village_x):
    from control_plane.dashboards.services import snapshot_publish, suppression_refresh

    for v in (village, village_b, village_x):
        snapshot_publish(village_id=v.pk)
    suppression_refresh(provinsi_code="18")
    return populated
